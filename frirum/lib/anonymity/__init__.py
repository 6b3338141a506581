"""Free text must not identify anybody: the one guard for every text that enters Frirum.

`find_identifiers(text)` normalises the text once (normalise.py) and runs every rule: CPR
numbers and phone numbers (numbers.py), e-mail addresses, social-media handles and links
(contact.py), street addresses and postal towns (places.py), personal names (names.py).
`validate_anonymous_text` is the form/model validator built on it; `validate_code` checks a
pseudonym or record code (letters, digits, '-', '_', '.' only, and the same guard).
"""

import re
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from frirum.lib.anonymity.contact import find_emails, find_social, may_hold_email
from frirum.lib.anonymity.findings import KINDS, Finding
from frirum.lib.anonymity.names import find_names
from frirum.lib.anonymity.normalise import normalise
from frirum.lib.anonymity.numbers import find_numbers
from frirum.lib.anonymity.places import find_addresses

__all__ = [
    "KINDS",
    "MESSAGES",
    "Finding",
    "code_kind",
    "code_problem",
    "find_identifiers",
    "identifying_patterns",
    "validate_anonymous_text",
    "validate_code",
]

_HAS_DIGIT = re.compile(r"\d")
_LOWER_WORDS = re.compile(r"[a-zæøå]+")
_CODE_CHARACTERS = re.compile(r"[^\W_]+(?:[-_.][^\W_]*)*|[-_.][\w.-]*")
_CODE_SEPARATORS = re.compile(r"[-_.]")
_DIGITISH = re.compile(r"[0-9OoIl|]")
_GENERATED_CODE = re.compile(r"[A-Z]{1,3}(?:-[2-9A-HJKMNP-Z]{4,12}){1,3}")


def find_identifiers(text: str, *, code: bool = False) -> list[Finding]:
    """Every identifier found in text, at most one finding per kind, in the order of KINDS.

    With code=True the text is a pseudonym: '-', '_' and '.' separate its parts and a name
    is looked for in any case ("mads_jensen").
    """
    if not text or not text.strip():
        return []
    if code:
        return _find_in_code(text)
    normal = normalise(text)
    found: list[Finding] = []
    if _HAS_DIGIT.search(normal):
        found += find_numbers(normal)
        found += find_addresses(normal)
    words = set(_LOWER_WORDS.findall(normal.lower()))
    emails = find_emails(normal) if may_hold_email(normal, words) else []
    found += emails
    found += find_social(normal, words, emails)
    found += find_names(normal, lower_words=words)
    return _one_per_kind(found)


def _find_in_code(code: str) -> list[Finding]:
    # Runs for every code of a large import: the number rules only where there are digits
    # enough for a phone number (8) or a CPR number (10).
    found: list[Finding] = []
    if len(_DIGITISH.findall(code)) >= 8:
        normal = normalise(code)
        found += find_numbers(normal) or find_numbers(_CODE_SEPARATORS.sub(" ", normal))
    found += find_names(code, code=True)
    return _one_per_kind(found)


def _one_per_kind(found: list[Finding]) -> list[Finding]:
    first: dict[str, Finding] = {}
    for finding in found:
        first.setdefault(finding.kind, finding)
    return [first[kind] for kind in KINDS if kind in first]


def identifying_patterns(text: str) -> list[str]:
    """The kinds of identifier found in text ('cpr', 'phone', 'email', ...)."""
    return [finding.kind for finding in find_identifiers(text)]


MESSAGES = {
    "cpr": _("This looks like a CPR number. Frirum is anonymous: remove it."),
    "phone": _("This looks like a phone number. Frirum is anonymous: remove it."),
    "email": _("This looks like an e-mail address. Frirum is anonymous: remove it."),
    "social": _(
        "This looks like a social-media name or a link to a profile. Frirum is anonymous: "
        "remove it."
    ),
    "address": _("This looks like an address. Frirum is anonymous: remove it."),
    "name": _(
        "This looks like a person's name. Frirum is anonymous: write a nickname or a role "
        "(such as 'mor') instead."
    ),
    "code": _("A code holds only letters, digits, '-', '_' and '.'."),
}


def validate_anonymous_text(value: str) -> None:
    """A form/model validator: raises one ValidationError naming every kind found."""
    found = find_identifiers(value or "")
    if found:
        raise ValidationError([MESSAGES[f.kind] for f in found], code="identifying")


@lru_cache(maxsize=65536)
def code_kind(value: str) -> str | None:
    """The kind of problem with a pseudonym or record code ('code', 'cpr', ...), or None.

    Cached: an import repeats the same young person's and site's codes on many rows.
    """
    if _GENERATED_CODE.fullmatch(value) and len(_DIGITISH.findall(value)) < 8:
        # Frirum's own codes (frirum.lib.codes): no name, too few digits for a number.
        return None
    if not _CODE_CHARACTERS.fullmatch(value):
        # Name what it is when it is something ("Mads Jensen navn@gmail.com": an e-mail).
        found = find_identifiers(value) or find_identifiers(value, code=True)
        return found[0].kind if found else "code"
    found = find_identifiers(value, code=True)
    return found[0].kind if found else None


def code_problem(value: str) -> str | None:
    """Why a pseudonym or record code cannot be accepted, or None."""
    kind = code_kind(value)
    return None if kind is None else str(MESSAGES[kind])


def validate_code(value: str) -> None:
    problem = code_problem(value)
    if problem:
        raise ValidationError(problem, code="identifying")
