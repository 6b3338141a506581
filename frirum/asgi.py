"""The ASGI application `frirum serve` runs (and the chat's WebSockets will join)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frirum.settings")
application = get_asgi_application()
