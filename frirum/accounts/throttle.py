"""Sign-in throttling, in the cache shared by all processes.

Failures are counted per pair (account e-mail, client address) with a growing delay: after
FRIRUM_LOGIN_FREE_ATTEMPTS failures each further attempt from that address for that e-mail
is refused for 2^(n-k) seconds, capped at FRIRUM_LOGIN_MAX_DELAY_SECONDS. A stranger guessing
from elsewhere therefore never slows down the account's owner, and the owner's typos never
slow down anyone else. A looser limit counts every failure from an address in a 15-minute
window (FRIRUM_LOGIN_ADDRESS_ATTEMPTS), against one address trying many e-mails.

The answer does not depend on whether the account exists: the same keys, counters and
messages apply to any e-mail typed. Keys are HMACs under the secret key, and entries expire
with their window, so no raw address or e-mail is kept and none outlives its counter.
"""

import hashlib
import hmac
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from frirum.lib.client import client_address

PAIR_WINDOW_SECONDS = 60 * 60
ADDRESS_WINDOW_SECONDS = 15 * 60
PREFIX = "frirum:signin"


def _digest(*parts: str) -> str:
    message = "\x00".join(parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def _pair_key(request: HttpRequest, email: str) -> str:
    return f"{PREFIX}:pair:{_digest('pair', email.strip().lower(), client_address(request))}"


def _address_keys(request: HttpRequest) -> tuple[str, str]:
    digest = _digest("address", client_address(request))
    return f"{PREFIX}:addr:{digest}", f"{PREFIX}:addr-start:{digest}"


def _now() -> float:
    return time.time()  # one place for tests to stop the clock


def delay_after(failures: int) -> int:
    """Seconds an attempt is refused after this many failures in a row."""
    free = settings.FRIRUM_LOGIN_FREE_ATTEMPTS
    if failures < free:
        return 0
    return min(2 ** (failures - free), settings.FRIRUM_LOGIN_MAX_DELAY_SECONDS)


def wait_seconds(request: HttpRequest, email: str) -> int:
    """0 when an attempt may be checked now; otherwise how long to wait."""
    now = _now()
    wait = 0.0
    pair = cache.get(_pair_key(request, email))
    if pair:
        wait = max(wait, pair["until"] - now)
    count_key, start_key = _address_keys(request)
    if (cache.get(count_key) or 0) >= settings.FRIRUM_LOGIN_ADDRESS_ATTEMPTS:
        start = cache.get(start_key) or now
        wait = max(wait, start + ADDRESS_WINDOW_SECONDS - now, 1)
    return math.ceil(wait) if wait > 0 else 0


def record_failure(request: HttpRequest, email: str) -> None:
    now = _now()
    key = _pair_key(request, email)
    pair = cache.get(key) or {"failures": 0, "until": 0}
    failures = pair["failures"] + 1
    cache.set(
        key, {"failures": failures, "until": now + delay_after(failures)}, PAIR_WINDOW_SECONDS
    )
    count_key, start_key = _address_keys(request)
    # add() opens the window; incr() keeps its expiry (and is atomic on Redis and in memory).
    if cache.add(count_key, 1, ADDRESS_WINDOW_SECONDS):
        cache.set(start_key, now, ADDRESS_WINDOW_SECONDS)
    else:
        try:
            cache.incr(count_key)
        except ValueError:
            cache.set(count_key, 1, ADDRESS_WINDOW_SECONDS)
            cache.set(start_key, now, ADDRESS_WINDOW_SECONDS)


def record_success(request: HttpRequest, email: str) -> None:
    """The pair starts afresh; the address's window is left alone (one good password must not
    clear a run of guesses at other accounts)."""
    cache.delete(_pair_key(request, email))
