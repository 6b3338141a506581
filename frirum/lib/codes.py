import secrets

# No 0/O, 1/I/L: codes are read aloud and typed on tablets.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def random_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_record_code(prefix: str) -> str:
    """An opaque record code such as C-7KQ4M2XPQ9 for records made in Frirum itself."""
    return f"{prefix}-{random_code(10)}"
