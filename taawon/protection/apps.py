from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionConfig(AppConfig):
    name = "taawon.protection"
    label = "protection"
    verbose_name = _("Protection of young workers")
