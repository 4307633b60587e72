from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "taawon.exports"
    verbose_name = _("Exports")

    def ready(self) -> None:
        # Each list's export is defined beside the others, over that app's own queries.
        from .lists import (  # noqa: F401
            complaints,
            duplicates,
            employment,
            grants,
            people,
            permits,
            surveys,
            training,
        )
