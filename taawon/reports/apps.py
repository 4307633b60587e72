from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import navigation


class ReportsConfig(AppConfig):
    """How figures are shown: dashboard cards, SVG charts with their tables, the PDF report."""

    name = "taawon.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        navigation.register_navigation(
            order=35,
            url_name="reports:country_dashboard",
            label=_("Dashboard"),
            domain="indicators",
            visible="taawon.indicators.access.may_see_indicators",
        )
        # The DHIS2 export is linked from the dashboard (may_export): the menu is full.
