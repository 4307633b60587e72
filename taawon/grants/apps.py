from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import events, navigation


class GrantsConfig(AppConfig):
    name = "taawon.grants"
    label = "grants"
    verbose_name = _("Grants")

    def ready(self) -> None:
        navigation.register_navigation(
            order=75,
            url_name="grants:call_list",
            label=_("Grants"),
            domain="grants",
            visible="taawon.grants.rules.may_read_any",
        )

        events.register("person.merged", "taawon.grants.merging.merge_person")
        events.register("person.unmerged", "taawon.grants.merging.unmerge_person")

        from .indicators import register_indicators

        register_indicators()
