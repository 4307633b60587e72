from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import events, navigation, panels


class PermitsConfig(AppConfig):
    name = "taawon.permits"
    label = "permits"
    verbose_name = _("Work permits")

    def ready(self) -> None:
        navigation.register_navigation(
            order=40,
            url_name="permits:permit_list",
            label=_("Work permits"),
            domain="permits",
            # Off for organisations in Lebanon and Iraq (geo.programme).
            visible="taawon.permits.rules.may_read",
        )
        navigation.register_navigation(
            order=45,
            url_name="permits:import_list",
            label=_("Permit imports"),
            domain="permits",
            visible="taawon.permits.rules.may_import",
        )
        panels.register_home_panel(order=30, dotted_path="taawon.permits.home.expiring_permits")
        panels.register_home_panel(order=45, dotted_path="taawon.permits.home.awaiting_decision")
        panels.register_home_panel(order=65, dotted_path="taawon.permits.home.country_permits")
        events.register("person.panels", "taawon.permits.panels.person_panel")
        events.register("person.merged", "taawon.permits.merging.merge_person")
        events.register("person.unmerged", "taawon.permits.merging.unmerge_person")
        events.register(
            "person.retention_holds", "taawon.permits.retention.holders_of_live_permits"
        )

        from .indicators import register_indicators

        register_indicators()
