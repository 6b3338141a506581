"""Control characters: refused in every text field of every form and every imported cell.

A NUL byte cannot be stored in PostgreSQL and was stored silently on SQLite; the other C0/C1
control characters (escape sequences, backspace, bell, ...) have no business in a label or a
name and can mislead terminals, logs and spreadsheets. Tab, line feed and carriage return are
ordinary in free text and stay allowed.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def find_control_character(text: str) -> int | None:
    """The position of the first control character in the text, or None."""
    match = CONTROL_CHARACTERS.search(text)
    return None if match is None else match.start()


def describe(character: str) -> str:
    """U+0000 and the like: a control character cannot be shown as itself."""
    return f"U+{ord(character):04X}"


@deconstructible
class NoControlCharactersValidator:
    message = _("Remove the control character %(character)s (position %(position)s).")
    code = "control_character"

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        position = find_control_character(value)
        if position is not None:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"character": describe(value[position]), "position": position + 1},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, NoControlCharactersValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_no_control_characters = NoControlCharactersValidator()
