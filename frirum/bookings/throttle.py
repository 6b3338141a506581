"""Bookings and cancel-code guesses per client network and clock hour, in the cache only.

The address is hashed with the secret key and forgotten after the hour (as in
frirum.questionnaires.ratelimit): enough to stop one phone filling a site's week or guessing
codes, useless for recognising anyone.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache

from frirum.questionnaires.ratelimit import client_network

WINDOW_SECONDS = 60 * 60
LIMITS = {"book": ("FRIRUM_BOOKINGS_PER_HOUR", 4), "guess": ("FRIRUM_BOOKING_GUESSES", 20)}


def limit(purpose: str) -> int:
    name, default = LIMITS[purpose]
    return int(getattr(settings, name, default))


def _key(request, purpose: str, now: float) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), client_network(request).encode(), hashlib.sha256
    ).hexdigest()[:32]
    return f"frirum:booking:{purpose}:{digest}:{int(now // WINDOW_SECONDS)}"


def allow(request, purpose: str, now: float | None = None) -> bool:
    """Counts one attempt; False when the client's hour is used up."""
    now = time.time() if now is None else now
    key = _key(request, purpose, now)
    cache.add(key, 0, WINDOW_SECONDS - int(now % WINDOW_SECONDS) + 60)
    try:
        count = cache.incr(key)
    except ValueError:
        # Expired between add and incr: this attempt opens a new count.
        cache.add(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= limit(purpose)


def seconds_left(now: float | None = None) -> int:
    now = time.time() if now is None else now
    return WINDOW_SECONDS - int(now % WINDOW_SECONDS)
