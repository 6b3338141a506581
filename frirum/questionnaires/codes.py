"""One-time questionnaire codes: made, normalised, checked and hashed here, and nowhere else.

The code itself is shown once to the counsellor and never stored: the database keeps an HMAC
keyed with the secret key, so a leaked database cannot be searched for codes offline.

A code is 15 random characters and a check character, 16 in all, read aloud in groups of four
(7KQ4-M2XP-Q9RT-CWHF). The check character is a weighted sum modulo 31 (the alphabet has 31
characters, a prime): it catches every single mistyped character and every swap of two
characters. A mistyped code is therefore told apart without asking the database, and is not
counted as a guess (frirum.questionnaires.ratelimit): a class typing codes on one school
network never locks itself out with typos. How long a code must be for guessing to stay
hopeless is worked out in tests/questionnaires/test_code_guessing.py.
"""

import hashlib
import hmac

from django.conf import settings

from frirum.lib.codes import CODE_ALPHABET, random_code

RANDOM_LENGTH = 15
CODE_LENGTH = RANDOM_LENGTH + 1
OLD_LENGTH = 8
GROUP = 4
_BASE = len(CODE_ALPHABET)  # 31, a prime: every weight 1..30 has an inverse
_VALUE = {ch: i for i, ch in enumerate(CODE_ALPHABET)}


def _weighted_sum(chars: str) -> int:
    return sum((position + 1) * _VALUE[ch] for position, ch in enumerate(chars)) % _BASE


def check_character(body: str) -> str:
    """The character that makes the weighted sum of body + it zero modulo 31."""
    weight = len(body) + 1
    # weight * x == -sum (mod 31): x = -sum * weight^-1.
    value = (-_weighted_sum(body) * pow(weight, -1, _BASE)) % _BASE
    return CODE_ALPHABET[value]


def new_code() -> str:
    body = random_code(RANDOM_LENGTH)
    return body + check_character(body)


def normalise(raw: str) -> str:
    """What the young person typed: case, spaces and dashes don't matter."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def is_complete(code: str) -> bool:
    """Right length and only characters of the alphabet (a normalised code)."""
    return len(code) == CODE_LENGTH and all(ch in _VALUE for ch in code)


def is_old_format(code: str) -> bool:
    """An 8-character code from before the check character: no longer accepted, since a year
    of guessing would find one (test_code_guessing.py); they lived 24 hours at most anyway."""
    return len(code) == OLD_LENGTH and all(ch in _VALUE for ch in code)


def looks_valid(code: str) -> bool:
    """A code we could have made: complete and its check character right."""
    return is_complete(code) and _weighted_sum(code) == 0


def code_hash(code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), b"questionnaire:" + code.encode(), hashlib.sha256
    ).hexdigest()


def display(code: str) -> str:
    """Grouped for reading aloud: 7KQ4-M2XP-Q9RT-CWHF."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def code_hours() -> int:
    return int(getattr(settings, "FRIRUM_QUESTIONNAIRE_CODE_HOURS", 24))
