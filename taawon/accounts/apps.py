from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import navigation


class AccountsConfig(AppConfig):
    name = "taawon.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        navigation.register_navigation(
            order=90,
            url_name="accounts:organisation_list",
            label=_("Users"),
            domain="accounts",
            action="manage_users",
        )
