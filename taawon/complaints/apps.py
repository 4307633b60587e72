from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import events, navigation, panels


class ComplaintsConfig(AppConfig):
    name = "taawon.complaints"
    label = "complaints"
    verbose_name = _("Complaints and feedback")

    def ready(self) -> None:
        navigation.register_navigation(
            order=70,
            url_name="complaints:complaint_list",
            label=_("Complaints"),
            domain="complaints",
        )
        panels.register_home_panel(
            order=25, dotted_path="taawon.complaints.home.awaiting_acknowledgement"
        )
        events.register("message.received", "taawon.complaints.sms.receive_sms")
        events.register("person.merged", "taawon.complaints.merging.merge_person")
        events.register("person.unmerged", "taawon.complaints.merging.unmerge_person")
        events.register("person.anonymised", "taawon.complaints.erasure.anonymise_person")

        from .indicators import register_indicators

        register_indicators()
