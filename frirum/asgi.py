"""The ASGI application `frirum serve` runs: Frirum's pages over HTTP and the chat's WebSockets."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frirum.settings")
# Django first: the chat's routing imports models, which needs the app registry ready.
django.setup(set_prefix=False)

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from frirum.chat.routing import websocket_urlpatterns  # noqa: E402
from frirum.core.asgi_handler import SyncThreadASGIHandler  # noqa: E402

application = ProtocolTypeRouter(
    {
        # The pages: Django's handler with the whole request on one thread per worker.
        "http": SyncThreadASGIHandler(),
        # A page of another origin may not open a socket with a counsellor's session cookie;
        # the session (AuthMiddlewareStack) identifies counsellors, the young person sends
        # their chat's token in the first message.
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
