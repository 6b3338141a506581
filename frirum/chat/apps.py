from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "frirum.chat"
    label = "chat"
    verbose_name = _("Chat")

    def ready(self):
        from frirum.chat import checks  # noqa: F401  (registers the deploy check)
