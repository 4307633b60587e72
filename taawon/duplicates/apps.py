from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import events, navigation, panels


class DuplicatesConfig(AppConfig):
    name = "taawon.duplicates"
    label = "duplicates"
    verbose_name = _("Duplicates")

    def ready(self) -> None:
        navigation.register_navigation(
            order=15, url_name="duplicates:queue", label=_("Duplicates"), domain="duplicates"
        )
        navigation.register_navigation(
            order=17,
            url_name="duplicates:rule_list",
            label=_("Merge rules"),
            domain="duplicates",
            visible="taawon.duplicates.rules.may_set_rules",
        )
        panels.register_home_panel(order=40, dotted_path="taawon.duplicates.home.pairs_to_review")
        events.register("person.merged", "taawon.duplicates.merging.merge_person")
        events.register("person.unmerged", "taawon.duplicates.merging.unmerge_person")
