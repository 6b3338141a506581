"""Numbers from a request (query strings, form values, ids) checked before they reach the
database: an id or a year it cannot hold is refused as bad input, never answered with a 500
(SQLite overflows above 2**63, PostgreSQL above its column type, Python's dates after 9999)."""

from django.db import connection, models

# Years the software can mean: a report year, a conversation's year. Anything else is a typo.
FIRST_YEAR = 1900
LAST_YEAR = 2100


def parse_int(value, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """The integer in value (a string or an int), or None if there is none or it is out of
    range. Only plain decimal digits with an optional sign count ("1e3", "٣" and "1_0" do not)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        digits = text[1:] if text[:1] in "+-" else text
        if not digits or len(digits) > 30 or not digits.isascii() or not digits.isdigit():
            return None
        number = int(text)
    if minimum is not None and number < minimum:
        return None
    if maximum is not None and number > maximum:
        return None
    return number


def parse_year(value) -> int | None:
    """A plausible calendar year, or None."""
    return parse_int(value, minimum=FIRST_YEAR, maximum=LAST_YEAR)


def integer_bounds(field: models.Field) -> tuple[int, int] | None:
    """The values the database column of an integer field can hold; None for other fields."""
    internal = field.get_internal_type()
    if "Integer" not in internal and "AutoField" not in internal:
        return None
    low, high = connection.ops.integer_field_range(internal)
    # SQLite reports no limits for some types, but its integers are 64-bit.
    return (-(2**63) if low is None else low, 2**63 - 1 if high is None else high)
