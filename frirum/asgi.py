"""The ASGI application `frirum serve` runs: Django's HTTP, and the chat's WebSockets."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frirum.settings")
# Django first: the chat's routing imports models, which needs the app registry ready.
django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from frirum.chat.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        # HTTP exactly as before: Django's own ASGI handler with its middleware.
        "http": django_application,
        # A page of another origin may not open a socket with a counsellor's session cookie;
        # the session (AuthMiddlewareStack) identifies counsellors, the young person sends
        # their chat's token in the first message.
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
