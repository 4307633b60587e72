from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "taawon.core"
    label = "core"

    def ready(self) -> None:
        from .lookups import register_lookups

        register_lookups()
