from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import events, navigation


class EmploymentConfig(AppConfig):
    name = "taawon.employment"
    label = "employment"
    verbose_name = _("Employment")

    def ready(self) -> None:
        navigation.register_navigation(
            order=30, url_name="employment:overview", label=_("Employment"), domain="employment"
        )
        events.register("person.panels", "taawon.employment.panels.person_panel")
        events.register("person.merged", "taawon.employment.merging.merge_person")
        events.register("person.unmerged", "taawon.employment.merging.unmerge_person")
        events.register(
            "person.retention_holds", "taawon.employment.retention.persons_with_open_records"
        )
