"""Rate limit for wrong questionnaire codes, per client, in the cache only.

The client address is hashed with the secret key and kept for the window only, never in the
database or the log: enough to slow down guessing, useless for recognising a young person.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 15 * 60


def _limit() -> int:
    return int(getattr(settings, "FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS", 10))


def _key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return "frirum:qcode-fail:" + digest.hexdigest()[:32]


def is_blocked(request) -> bool:
    return cache.get(_key(request), 0) >= _limit()


def record_failure(request) -> None:
    key = _key(request)
    # add() starts the window; incr() keeps its expiry.
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS)
