from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "taawon.core"
    label = "core"

    def ready(self) -> None:
        from .lookups import register_lookups

        register_lookups()
        from . import navigation

        navigation.register_navigation(
            order=95,
            url_name="access_log",
            label=_("Access log"),
            domain="accounts",
            action="manage_users",
        )
