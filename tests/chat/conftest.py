"""The chat's socket tests: the channel layer in memory (or Redis, for a test that asks for
it with the parameter `layer`), and a chat site with a counsellor and another site's member."""

import os
import secrets

import pytest
import redis
from channels.layers import channel_layers
from django.test import override_settings

from frirum.accounts.models import Membership, Role
from frirum.chat.consumers import _ChatSocket
from frirum.sites.models import Site, SiteKind
from tests.base import make_user

LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def redis_layers() -> dict:
    """The production layer on this machine's Redis, under a prefix of this run's own."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {url}")
    prefix = f"frirum-test-{secrets.token_hex(4)}"
    config = {"hosts": [{"address": url, "socket_timeout": 30}], "prefix": prefix}
    return {
        "default": {"BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer", "CONFIG": config}
    }


@pytest.fixture(autouse=True)
def _memory_layer(request):
    params = getattr(request.node, "callspec", None)
    redis_run = params is not None and params.params.get("layer") == "redis"
    layers = redis_layers() if redis_run else LAYERS
    with override_settings(CHANNEL_LAYERS=layers):
        # The layer is made once per process from the settings: make it again.
        channel_layers.backends.clear()
        yield
        channel_layers.backends.clear()


@pytest.fixture
def desk():
    chat_site = Site.objects.create(code="chat", name="headspace chat", kind=SiteKind.CHAT)
    other = Site.objects.create(code="chat2", name="Anden chat", kind=SiteKind.CHAT)
    counsellor = make_user("c@example.org", "Rådgiver")
    Membership.objects.create(user=counsellor, site=chat_site, role=Role.VOLUNTEER_COUNSELLOR)
    stranger = make_user("s@example.org", "Fremmed")
    Membership.objects.create(user=stranger, site=other, role=Role.EMPLOYED_COUNSELLOR)
    return chat_site, counsellor, stranger


@pytest.fixture
def reads(monkeypatch):
    """The chats a socket read from the database, in order."""
    seen = []
    original = _ChatSocket._read_after

    def counted(self, chat_id):
        seen.append(chat_id)
        return original(self, chat_id)

    monkeypatch.setattr(_ChatSocket, "_read_after", counted)
    return seen
