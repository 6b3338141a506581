import secrets

# No 0/O, 1/I/L: codes are read aloud and typed on tablets.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def random_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def anonymous_code(make) -> str:
    """A code from make() that the anonymity guard accepts.

    Random digits can, rarely, line up as a phone or CPR number (U-2345-6789); such a code
    is drawn again rather than refused later by an import or a scan.
    """
    from frirum.lib.anonymity import code_kind

    while True:
        code = make()
        if code_kind(code) is None:
            return code


def new_record_code(prefix: str) -> str:
    """An opaque record code such as C-7KQ4M2XPQ9 for records made in Frirum itself."""
    return anonymous_code(lambda: f"{prefix}-{random_code(10)}")


def code_order(field: str):
    """An expression ordering codes by code point, as the interchange format (and Python) does.

    "Smallest code" is plain string order; PostgreSQL in a natural-language collation would
    sort `F-b` before `F-C`, so it gets the byte-wise "C" collation. SQLite's default BINARY
    collation already compares UTF-8 bytes, which is code point order.
    """
    from django.db import connection
    from django.db.models import F
    from django.db.models.functions import Collate

    if connection.vendor == "postgresql":
        return Collate(F(field), "C")
    return F(field)
