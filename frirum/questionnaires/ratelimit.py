"""Wrong questionnaire codes, counted per client network in the cache only.

Only a guess costs: a code whose check character is wrong is a typo, told apart without the
database (frirum.questionnaires.codes), and a code that exists (open, used or expired) is
given back. Each client network has FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS free guesses per clock
hour, which a school class typing codes behind one address never comes near. Past them the
network is not locked out (that would let one attacker on a school's network lock out every
pupil there): each further code must carry a proof of work (frirum.questionnaires.
proofofwork), which a phone pays once and a guesser pays per guess.
tests/questionnaires/test_code_guessing.py shows that free and paid guesses together, from
1,000 networks for a year, find a live code with a chance below one in a million.

A guess is claimed *before* the code is looked up (an atomic cache.add of a numbered slot),
so parallel requests cannot look up more codes than the limit allows, on any cache backend.

The client address is hashed with the secret key and kept for the hour only, never in the
database or the log: enough to slow down guessing, useless for recognising a young person.
An IPv6 client counts by its /64 network, which one household or one attacker usually has.
"""

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

from frirum.lib.client import client_address

WINDOW_SECONDS = 60 * 60


def limit() -> int:
    return int(getattr(settings, "FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS", 60))


def client_network(request) -> str:
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _base(request, now: float) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), client_network(request).encode(), hashlib.sha256
    )
    return f"frirum:qguess:{digest.hexdigest()[:32]}:{int(now // WINDOW_SECONDS)}"


def seconds_left(now: float | None = None) -> int:
    now = time.time() if now is None else now
    return WINDOW_SECONDS - int(now % WINDOW_SECONDS)


def claim(request, now: float | None = None) -> str | None:
    """Takes one guess of this client's hour; the slot's key, or None when none is left."""
    now = time.time() if now is None else now
    base = _base(request, now)
    keys = [f"{base}:{slot}" for slot in range(limit())]
    taken = cache.get_many(keys)
    timeout = seconds_left(now) + 60
    for key in keys:
        if key not in taken and cache.add(key, 1, timeout):
            return key
    return None


def is_exhausted(request, now: float | None = None) -> bool:
    """Whether this client's free guesses of the hour are used up (claims nothing)."""
    now = time.time() if now is None else now
    base = _base(request, now)
    keys = [f"{base}:{slot}" for slot in range(limit())]
    return len(cache.get_many(keys)) >= len(keys)


def give_back(slot: str) -> None:
    """The code existed: not a guess after all."""
    cache.delete(slot)
