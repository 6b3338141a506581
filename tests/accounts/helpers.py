"""Computing authenticator codes in tests, as the app on a phone would."""

import time
from binascii import unhexlify
from unittest import mock

from django_otp.oath import TOTP

KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, as hex


def totp_code(key: str = KEY, *, steps_ahead: int = 0) -> str:
    """The code for now, or for a later 30-second step: a code is accepted once, so a second
    sign-in within the same step uses the next one (the device allows one step of drift)."""
    totp = TOTP(unhexlify(key))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def stopped_clock():
    """The sign-in throttle's clock, stopped: its delays then depend only on the attempts, not
    on how fast the machine hashes passwords."""
    return mock.patch("frirum.accounts.throttle._now", return_value=1_800_000_000.0)
