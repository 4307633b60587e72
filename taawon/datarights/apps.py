from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import events, navigation


class DatarightsConfig(AppConfig):
    name = "taawon.datarights"
    label = "datarights"
    verbose_name = _("Data rights")

    def ready(self) -> None:
        navigation.register_navigation(
            order=18, url_name="datarights:overview", label=_("Data rights"), domain="datarights"
        )
        events.register("person.panels", "taawon.datarights.panels.person_panel")
        events.register("person.merged", "taawon.datarights.merging.merge_person")
        events.register("person.unmerged", "taawon.datarights.merging.unmerge_person")
        events.register("person.anonymised", "taawon.datarights.erasure.anonymise_person")
