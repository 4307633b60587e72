from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import events


class DuplicatesConfig(AppConfig):
    name = "taawon.duplicates"
    label = "duplicates"
    verbose_name = _("Duplicates")

    def ready(self) -> None:
        events.register("person.merged", "taawon.duplicates.merging.merge_person")
        events.register("person.unmerged", "taawon.duplicates.merging.unmerge_person")
