"""Keeping an abusive visitor out of a site's chat for the rest of the day, and a limit on how
many chats one visitor can start in an hour, without keeping their address.

The key is an HMAC of the client's network (an IPv4 address, an IPv6 /64) with a salt made
from the secret key and today's date (Denmark). It changes at midnight, so yesterday's keys
match nobody today and cannot be linked to today's; a ban therefore lasts until midnight.
A chat keeps its key only for that day (the retention command clears older ones).
"""

import datetime as dt
import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from frirum.questionnaires.ratelimit import client_network
from frirum.sites.schedule import local_date

START_WINDOW_SECONDS = 60 * 60


def daily_key(request, day: dt.date | None = None) -> str:
    day = day or local_date(timezone.now())
    salt = f"{settings.SECRET_KEY}:frirum-chat-ban:{day.isoformat()}".encode()
    return hmac.new(salt, client_network(request).encode(), hashlib.sha256).hexdigest()


def is_banned(site, request) -> bool:
    from frirum.chat.models import ChatBan

    today = local_date(timezone.now())
    return ChatBan.objects.filter(site=site, day=today, key_hash=daily_key(request, today)).exists()


def allow_start(request, now: float | None = None) -> bool:
    """Counts one started chat for the client this hour; False past the limit (a visitor
    filling the queue with empty chats)."""
    now = time.time() if now is None else now
    key = f"frirum:chat:start:{daily_key(request)[:32]}:{int(now // START_WINDOW_SECONDS)}"
    cache.add(key, 0, START_WINDOW_SECONDS + 60)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, START_WINDOW_SECONDS + 60)
        count = 1
    return count <= settings.FRIRUM_CHAT_STARTS_PER_HOUR
