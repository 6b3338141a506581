"""The memo's building blocks: its sections and tables, and number formats as the memo
prints them (Danish when Danish is active)."""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from frirum.planning.scenario import CENTRE, ROUND_TO


def kr(value: int | float | None) -> str:
    if value is None:
        return _("not stated")
    return f"{number_format(round(value), force_grouping=True)} kr."


def whole(value: int | float | None) -> str:
    if value is None:
        return "\u2013"
    return number_format(round(value), force_grouping=True)


def about(exact: float | None, shown: int | None) -> str:
    """An estimate as presented (rounded to ROUND_TO); "under 10" for a small one."""
    if shown is None:
        return "\u2013"
    if shown == 0 and exact:
        return _("under %(n)s") % {"n": ROUND_TO}
    return whole(shown)


def decimal1(value: float | None) -> str:
    if value is None:
        return "\u2013"
    return number_format(round(value, 1), 1)


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    total: list[str] | None = None


@dataclass
class Section:
    slug: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Memo:
    title: str
    dated: str
    municipality: str
    sections: list[Section]
    appendix: list[tuple[str, str]]
    sources: list[str]
    k: int
    note: str
    # The key numbers by name, as shown: what tests read back from the PDF and Word file.
    numbers: dict[str, str]
    # The presented cells by the ledger's keys, for the disclosure audit.
    tracker: object = None


def kind_name(kind: str) -> str:
    return _("a centre") if kind == CENTRE else _("a satellite")
