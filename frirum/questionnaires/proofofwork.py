"""Proof of work for questionnaire codes from a network that has used up its free guesses.

Why: a limit per network alone lets an attacker on a school's network use up its guesses and
lock every pupil there out for the hour. Instead, once a network has made its free wrong
guesses (frirum.questionnaires.ratelimit), every further code it sends must carry the
solution of a challenge: find a nonce so that SHA-256(seed + nonce) starts with BITS zero
bits. A young person's phone pays that once (about a second); an attacker pays it for every
single guess, on their own hardware. A valid code with a valid solution is always checked and
accepted, whatever anyone else on the network has done. How much guessing this still allows
in a year is worked out in tests/questionnaires/test_code_guessing.py.

The challenge is `expires.bits.id.signature`: HMAC-signed with the secret key (nothing to
store when it is issued), short-lived, and single-use: a redeemed id is kept in the shared
cache until it expires, so a solution cannot be replayed, from this or another app process.

Why our own and not ALTCHA (`altcha` on PyPI): its browser part is a web component that
injects its own styles (or needs its separate stylesheet build vendored), and its solver calls
WebCrypto once per attempt; a promise per hash makes it 10-50 times slower on a phone than the
plain loop in questionnaires/proof-of-work.js, and every factor lost there is a factor the
difficulty must drop and the guessing bound must give up. What we need fits in this module:
sign, check, solve (the seed is SHA-256 of the challenge; each attempt is then one block of
SHA-256 over seed + an 8-byte nonce, so the phone's loop is a single compression).
"""

import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core.cache import cache

NONCE_BYTES = 8
MAX_BITS = 32  # the browser checks the first 32-bit word only


def bits() -> int:
    return int(getattr(settings, "FRIRUM_QUESTIONNAIRE_POW_BITS", 21))


def lifetime() -> int:
    return int(getattr(settings, "FRIRUM_QUESTIONNAIRE_POW_SECONDS", 15 * 60))


def _signature(body: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), b"questionnaire-pow:" + body.encode(), hashlib.sha256
    ).hexdigest()


def issue(now: float | None = None) -> str:
    """A new signed challenge; nothing is stored until it is redeemed."""
    now = time.time() if now is None else now
    body = f"{int(now) + lifetime()}.{bits()}.{secrets.token_hex(12)}"
    return f"{body}.{_signature(body)}"


def _digest(challenge: str, nonce: int) -> bytes:
    seed = hashlib.sha256(challenge.encode("ascii")).digest()
    return hashlib.sha256(seed + nonce.to_bytes(NONCE_BYTES, "big")).digest()


def _has_leading_zero_bits(digest: bytes, count: int) -> bool:
    return int.from_bytes(digest, "big") >> (len(digest) * 8 - count) == 0


def solve(challenge: str) -> int:
    """What the browser does (proof-of-work.js); here for tests and tools."""
    count = int(challenge.split(".")[1])
    nonce = 0
    while not _has_leading_zero_bits(_digest(challenge, nonce), count):
        nonce += 1
    return nonce


def redeem(challenge: str, nonce: str, now: float | None = None) -> bool:
    """True once for a genuine, unexpired, solved challenge; False for anything else
    (forged, expired, too easy, wrong nonce, replayed or malformed)."""
    now = time.time() if now is None else now
    challenge = (challenge or "").strip()
    nonce = (nonce or "").strip()
    parts = challenge.split(".")
    if len(parts) != 4 or not challenge.isascii():
        return False
    expires, count, ident, signature = parts
    if not (expires.isdigit() and count.isdigit() and len(expires) <= 12 and len(count) <= 2):
        return False
    body = f"{expires}.{count}.{ident}"
    if not hmac.compare_digest(signature, _signature(body)):
        return False
    if int(expires) <= now or not bits() <= int(count) <= MAX_BITS:
        return False
    if not (nonce.isascii() and nonce.isdigit() and len(nonce) <= 20):
        return False
    value = int(nonce)
    if value >= 2 ** (NONCE_BYTES * 8):
        return False
    if not _has_leading_zero_bits(_digest(challenge, value), int(count)):
        return False
    # cache.add is atomic on every backend: of two requests with one solution, one wins.
    return cache.add(f"frirum:qpow:{ident}", 1, int(expires) - int(now) + 60)
