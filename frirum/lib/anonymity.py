"""Free text must not identify anybody: refuse what looks like a CPR number, a phone number
or an e-mail address. Used by every form and import that accepts a note or a label."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# ddmmyy-ssss, with or without the dash or a space; the date part is checked below.
_CPR = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[\s-]?(\d{4})(?!\d)")
# Danish numbers: eight digits, optionally +45/0045 and spaced in pairs or fours.
_PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)\s?45[\s-]?)?(?:\d[\s-]?){7}\d(?!\d)")
_EMAIL = re.compile(
    r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE
)


def _looks_like_cpr(text: str) -> bool:
    for match in _CPR.finditer(text):
        day, month = int(match.group(1)), int(match.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            return True
    return False


def identifying_patterns(text: str) -> list[str]:
    """Names of the identifying patterns found in text: 'cpr', 'phone', 'email'."""
    found = []
    if not text:
        return found
    if _looks_like_cpr(text):
        found.append("cpr")
    if _PHONE.search(_CPR.sub(" ", text) if "cpr" in found else text):
        found.append("phone")
    if _EMAIL.search(text):
        found.append("email")
    return found


MESSAGES = {
    "cpr": _("This looks like a CPR number. Frirum is anonymous: remove it."),
    "phone": _("This looks like a phone number. Frirum is anonymous: remove it."),
    "email": _("This looks like an e-mail address. Frirum is anonymous: remove it."),
}


def validate_anonymous_text(value: str) -> None:
    """A form/model validator: raises one ValidationError naming every pattern found."""
    found = identifying_patterns(value)
    if found:
        raise ValidationError([MESSAGES[name] for name in found], code="identifying")
