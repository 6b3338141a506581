"""One-time questionnaire codes: made, normalised and hashed here, and nowhere else.

The code itself is shown once to the counsellor and never stored: the database keeps an HMAC
keyed with the secret key, so a leaked database cannot be searched for codes offline.
"""

import hashlib
import hmac

from django.conf import settings

from frirum.lib.codes import CODE_ALPHABET, random_code

# 31^8 = 8.5e11 codes; with few valid at a time and rate-limited guesses, guessing is hopeless.
CODE_LENGTH = 8


def new_code() -> str:
    return random_code(CODE_LENGTH)


def normalise(raw: str) -> str:
    """What the young person typed: case, spaces and dashes don't matter."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def looks_valid(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


def code_hash(code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), b"questionnaire:" + code.encode(), hashlib.sha256
    ).hexdigest()


def display(code: str) -> str:
    """Grouped for reading aloud: 7KQ4-M2XP."""
    return f"{code[:4]}-{code[4:]}"


def code_hours() -> int:
    return int(getattr(settings, "FRIRUM_QUESTIONNAIRE_CODE_HOURS", 24))
