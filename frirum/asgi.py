"""The ASGI application `frirum serve` runs (and the chat's WebSockets will join)."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frirum.settings")
django.setup(set_prefix=False)

from frirum.core.asgi_handler import SyncThreadASGIHandler  # noqa: E402 - after setup()

application = SyncThreadASGIHandler()
