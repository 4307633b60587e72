from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import events, navigation, panels

# The home page's employment panels (taawon.employment.home), by their place on the page.
HOME_PANELS = (
    (10, "follow_ups_due"),
    (20, "waiting_for_referral"),
    (50, "unit_figures"),
    (60, "country_figures"),
    (80, "indicators"),
)


class EmploymentConfig(AppConfig):
    name = "taawon.employment"
    label = "employment"
    verbose_name = _("Employment")

    def ready(self) -> None:
        navigation.register_navigation(
            order=30, url_name="employment:overview", label=_("Employment"), domain="employment"
        )
        navigation.register_navigation(
            order=35,
            url_name="employment:unit_indicators",
            label=_("Unit indicators"),
            domain="indicators",
            visible="taawon.employment.unit.aggregates.may_see_indicators",
        )
        for order, panel in HOME_PANELS:
            panels.register_home_panel(order=order, dotted_path=f"taawon.employment.home.{panel}")
        events.register("person.panels", "taawon.employment.panels.person_panel")
        events.register("person.merged", "taawon.employment.merging.merge_person")
        events.register("person.unmerged", "taawon.employment.merging.unmerge_person")
        events.register(
            "person.retention_holds", "taawon.employment.retention.persons_with_open_records"
        )

        from .indicators import register_indicators

        register_indicators()
