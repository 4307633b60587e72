from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import events, navigation


class PeopleConfig(AppConfig):
    name = "taawon.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        navigation.register_navigation(
            order=10, url_name="people:person_list", label=_("People"), domain="people"
        )
        events.register("person.merged", "taawon.people.merging.merge_person")
        events.register("person.unmerged", "taawon.people.merging.unmerge_person")

        from .indicators import register_indicators

        register_indicators()
