from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "frirum.core"
    label = "core"
    default = True

    def ready(self):
        from frirum.core import checks  # noqa: F401 - registers the deploy checks
