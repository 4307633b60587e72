from django.apps import AppConfig
from django.db.models.signals import post_migrate
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
        post_migrate.connect(_summary_ready, sender=self)


def _summary_ready(sender, using: str = "default", **kwargs) -> None:
    """After every migrate (and flush): the change log's triggers in place, and the summaries
    of indicators with no records yet marked built (see indicators/summary.py)."""
    from django.db import connections

    from . import summary, triggers

    if using != "default":
        return
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    if not {"indicators_change", "indicators_fact", "indicators_summarybuilt"} <= tables:
        # Migrated back before the summary: no trigger may write to a change log gone.
        triggers.uninstall()
        return
    if not set(summary.watched_tables()) <= tables:
        return
    triggers.install()
    summary.mark_empty_built()
