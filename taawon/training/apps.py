from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import events, navigation


class TrainingConfig(AppConfig):
    name = "taawon.training"
    label = "training"
    verbose_name = _("Training and training of trainers")

    def ready(self) -> None:
        navigation.register_navigation(
            order=75,
            url_name="training:event_list",
            label=_("Training"),
            domain="training",
            visible="taawon.training.rules.may_read_any",
        )
        events.register("person.merged", "taawon.training.merging.merge_person")
        events.register("person.unmerged", "taawon.training.merging.unmerge_person")

        from .indicators import register_indicators

        register_indicators()
