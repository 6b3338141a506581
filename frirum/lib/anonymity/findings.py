from dataclasses import dataclass

KINDS = ("cpr", "phone", "email", "social", "address", "name", "code")


@dataclass(frozen=True, slots=True)
class Finding:
    """One identifier found in a text: its kind, the rule that matched, where (normalised)."""

    kind: str
    rule: str
    start: int = 0
    end: int = 0
