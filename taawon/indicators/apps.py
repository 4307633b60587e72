from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import navigation


class IndicatorsConfig(AppConfig):
    name = "taawon.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        # The indicators themselves are registered by the apps that own their data.
        navigation.register_navigation(
            order=36,
            url_name="indicators:indicator_table",
            label=_("Programme indicators"),
            domain="indicators",
            visible="taawon.indicators.access.may_see_indicators",
        )
