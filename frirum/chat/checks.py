"""`frirum check --deploy`: the chat across several server processes needs Redis."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_channel_layer(app_configs=None, **kwargs):
    if settings.DEBUG:
        return []
    backend = settings.CHANNEL_LAYERS.get("default", {}).get("BACKEND", "")
    if backend.endswith("InMemoryChannelLayer"):
        return [
            Warning(
                "The chat's channel layer is in process memory: a young person and a counsellor "
                "served by different worker processes would not see each other's messages "
                "until they reconnect.",
                hint="Set REDIS_URL, or run `frirum serve --workers 1` for a trial.",
                id="frirum.W101",
            )
        ]
    return []
