from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import navigation


class SurveysConfig(AppConfig):
    name = "taawon.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        navigation.register_navigation(
            order=50, url_name="surveys:form_list", label=_("Surveys"), domain="surveys"
        )
        from .indicators import register_indicators

        register_indicators()
