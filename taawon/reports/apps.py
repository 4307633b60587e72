from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """How figures are shown: dashboard cards, SVG charts with their tables, the PDF report."""

    name = "taawon.reports"
    label = "reports"
    verbose_name = _("Reports")
