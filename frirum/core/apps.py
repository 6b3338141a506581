from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "frirum.core"
    label = "core"
    default = True
