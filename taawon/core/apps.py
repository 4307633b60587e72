from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "taawon.core"
    label = "core"
