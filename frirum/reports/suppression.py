"""Marks, rounding and the first (cell by cell) suppression of the presented forms.

JSON carries the exact figures; every presented form (web page, PDF, spreadsheet, CSV) shows
them through these cells, so a funder can never read off how many young people fall in a
small group. The cell-level rules here are only the start: frirum.reports.disclosure then
decides every cell of a report together (secondary suppression, shares and means resting on
hidden counts) until its audit proves that no hidden count can be worked out.

Marks, each with its own legend line:
- "<k": a count from 1 to k-1 (PRIMARY).
- the dash: any other hidden cell: a count hidden only so that another hidden figure cannot be
  worked out (SECONDARY), or a share or mean resting on a small or hidden count. It may be
  any size, so its legend never says it is small.
Zero is shown: it stands for no person. A missing value is left empty.

Rounding: percentages to whole percent, means and ratios to one decimal. Figures themselves are
never rounded here; only their text (and a chart's bar, which is drawn from the shown value).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext

# Shown in place of a cell hidden to protect another figure.
DASH = "\u2013"

COUNT = "count"
SHARE = "share"
MEAN = "mean"

PRIMARY = "primary"
SECONDARY = "secondary"
# Hidden because the count it rests on is below k: marked like SECONDARY (the dash).
BASE = "base"


def default_k() -> int:
    return settings.FRIRUM_SUPPRESSION_K


@dataclass(frozen=True)
class Cell:
    """One presented figure: the exact value, the count behind it, and whether it is hidden."""

    value: int | float | None
    kind: str = COUNT
    count: int | None = None
    suppressed: str = ""  # "", PRIMARY, SECONDARY or BASE
    k: int = 5

    @property
    def is_suppressed(self) -> bool:
        return bool(self.suppressed)

    @property
    def shown(self) -> int | float | None:
        """The value a presented form may show (rounded), None when hidden or missing."""
        if self.suppressed or self.value is None:
            return None
        if self.kind == COUNT:
            return int(self.value)
        if self.kind == SHARE:
            return round(self.value * 100) / 100
        return round(self.value, 1)

    @property
    def mark(self) -> str:
        """PRIMARY ("<k") or SECONDARY (the dash) for a hidden cell, "" for a shown one."""
        if not self.suppressed:
            return ""
        return PRIMARY if self.suppressed == PRIMARY else SECONDARY

    @property
    def text(self) -> str:
        if self.suppressed:
            # "<k" only where it is true of the figure itself: a count below k. A share or
            # mean resting on a small count is not itself small, so it gets the dash.
            return f"<{self.k}" if self.mark == PRIMARY and self.kind == COUNT else DASH
        if self.value is None:
            return ""
        if self.kind == COUNT:
            return number_format(int(self.value), force_grouping=True)
        if self.kind == SHARE:
            return format_percent(self.value)
        return number_format(round(self.value, 1), 1)


def format_percent(share: float) -> str:
    percent = number_format(round(share * 100), 0)
    # Danish typography puts a space before the percent sign.
    return f"{percent}%" if (get_language() or "da").startswith("en") else f"{percent} %"


def count_cell(value: int | None, *, k: int) -> Cell:
    if value is None:
        return Cell(None, COUNT, None, "", k)
    return Cell(value, COUNT, value, PRIMARY if 0 < value < k else "", k)


def value_cell(value: float | None, *, base: int | None, k: int) -> Cell:
    """A mean or ratio, hidden when fewer than k people or answers stand behind it."""
    hidden = base is None or base < k
    return Cell(value, MEAN, base, BASE if hidden and value is not None else "", k)


def share_cell(value: float | None, *, denominator: int | None, k: int) -> Cell:
    """A single share (e.g. the share of bridged contacts) of a known denominator."""
    if value is None:
        return Cell(None, SHARE, None, "", k)
    if denominator is None or denominator < k:
        return Cell(value, SHARE, None, BASE, k)
    count = round(value * denominator)
    return Cell(value, SHARE, count, PRIMARY if 0 < count < k else "", k)


def suppress_counts(
    counts: dict[str, int], *, k: int, total: int | None = None, additive: bool = True
) -> dict[str, Cell]:
    """Cells of a table of counts; `additive` when they add up to a shown total."""
    if total is None and additive:
        total = sum(counts.values())
    return _suppress(
        {key: (value, value) for key, value in counts.items()},
        kind=COUNT,
        k=k,
        base=total,
        additive=additive,
    )


def suppress_shares(
    shares: dict[str, float], *, denominator: int | None, k: int, additive: bool = True
) -> dict[str, Cell]:
    """Cells of a table of shares of one denominator; `additive` when the shares sum to 1."""
    if denominator is None:
        return {key: Cell(value, SHARE, None, BASE, k) for key, value in shares.items()}
    return _suppress(
        {key: (value, round(value * denominator)) for key, value in shares.items()},
        kind=SHARE,
        k=k,
        base=denominator,
        additive=additive,
    )


def _suppress(
    cells: dict[str, tuple[float, int]], *, kind: str, k: int, base: int | None, additive: bool
) -> dict[str, Cell]:
    if base is not None and base < k and base > 0:
        return {key: Cell(value, kind, count, BASE, k) for key, (value, count) in cells.items()}
    hidden = {key for key, (_value, count) in cells.items() if 0 < count < k}
    if additive and len(hidden) == 1:
        candidates = sorted(
            (count, key)
            for key, (_value, count) in cells.items()
            if count > 0 and key not in hidden
        )
        if candidates:
            secondary = candidates[0][1]
        else:
            # Only the suppressed cell holds anyone: it is the total, so hide everything.
            return {key: Cell(value, kind, count, BASE, k) for key, (value, count) in cells.items()}
    else:
        secondary = None
    result = {}
    for key, (value, count) in cells.items():
        state = PRIMARY if key in hidden else SECONDARY if key == secondary else ""
        result[key] = Cell(value, kind, count, state, k)
    return result


def change_text(current: Cell, previous: Cell | None) -> str:
    """Year-on-year change as text: counts as a difference, shares in percentage points."""
    if previous is None or current.value is None or previous.value is None:
        return ""
    if current.is_suppressed or previous.is_suppressed:
        return DASH
    if current.kind == COUNT:
        diff = int(current.value) - int(previous.value)
        return f"{'+' if diff > 0 else ''}{number_format(diff, force_grouping=True)}"
    if current.kind == SHARE:
        diff = round(current.value * 100) - round(previous.value * 100)
        return f"{'+' if diff > 0 else ''}{diff} {gettext('pp')}"
    diff = round(current.value, 1) - round(previous.value, 1)
    return f"{'+' if diff > 0 else ''}{number_format(round(diff, 1), 1)}"


def change_value(current: Cell, previous: Cell | None) -> int | float | None:
    """Year-on-year change as a number (counts: the difference; shares: percentage points;
    means: one decimal), None when there is nothing to compare or a side is hidden."""
    if previous is None or current.value is None or previous.value is None:
        return None
    if current.is_suppressed or previous.is_suppressed:
        return None
    if current.kind == COUNT:
        return int(current.value) - int(previous.value)
    if current.kind == SHARE:
        return round(current.value * 100) - round(previous.value * 100)
    return round(round(current.value, 1) - round(previous.value, 1), 1)
