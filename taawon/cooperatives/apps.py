from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import navigation


class CooperativesConfig(AppConfig):
    name = "taawon.cooperatives"
    label = "cooperatives"
    verbose_name = _("Cooperatives")

    def ready(self) -> None:
        navigation.register_navigation(
            order=20,
            url_name="cooperatives:cooperative_list",
            label=_("Cooperatives"),
            domain="cooperatives",
        )
