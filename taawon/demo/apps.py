from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "taawon.demo"
    label = "demo"
    verbose_name = "Demo data"
