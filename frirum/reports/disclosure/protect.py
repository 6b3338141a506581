"""Suppression of a presented report, proved by the audit: primary, then secondary until no
hidden count can be narrowed down.

One column (a report's current or previous year) is one block: its decisions depend only on
that year's figures and k, so the previous-year column of next year's report hides exactly
what this year's report hides.

1. Primary: a count from 1 to k-1 is hidden ("<k"); so is the count behind a share.
2. Derived: a share or mean is hidden (the dash) when its numerator or denominator is hidden or
   rests on fewer than k; a hidden share hides the count behind it.
3. Secondary: a table that adds up with exactly one hidden cell hides one more (the
   smallest non-zero cell, preferring one no share or mean rests on).
4. The audit: while some hidden count can be narrowed to fewer than k-1 possible values,
   hide one more cell of a relation it is in, then go back to 2.
"""

import logging
from dataclasses import dataclass, replace

from frirum.reports.disclosure.ledger import (
    PRIMARY,
    SECONDARY,
    SHOWN,
    UNSEEN,
    Key,
    Ledger,
    Ratio,
)
from frirum.reports.disclosure.solve import InconsistentLedger, bounds
from frirum.reports.suppression import MEAN, SHARE

logger = logging.getLogger(__name__)

MAX_ROUNDS = 60
# Counts that rest on a chat site's municipality rather than on the site itself.
MUNICIPALITY_FIGURES = ("youth.chat_resident",)


def report_scope(report) -> str:
    prefix = "family:" if report.kind == "family" else ""
    return f"{prefix}{report.scope or 'national'}"


def scope_of(report, name: str) -> str:
    if name in MUNICIPALITY_FIGURES and report.municipality_code:
        return f"municipality:{report.municipality_code}"
    return report_scope(report)


def column_ledger(report, attr: str, year: int) -> Ledger:
    """What a reader knows from one column of a presented report."""
    ledger = Ledger(k=report.k)
    seen_rows: set[int] = set()

    def key(name: str) -> Key:
        return (scope_of(report, name), year, name)

    for table in report.tables:
        rows = [*table.rows, *([table.total] if table.total else [])]
        parts = []
        for row in rows:
            cell = getattr(row, attr, None)
            if cell is None:
                continue
            if row.denominator:
                name = row.numerator
                if id(row) not in seen_rows:
                    _add_ratio(ledger, row, attr, cell, key(row.numerator), key(row.denominator))
            else:
                name = row.figure or f"{table.name}.{row.key}"
                if cell.value is not None:
                    ledger.present(key(name), cell.value, (row, attr))
            seen_rows.add(id(row))
            if row is not table.total:
                parts.append(key(name))
        if table.base and not table.multi and table.kind in ("count", SHARE) and parts:
            total = ledger.unknown(key(table.base), None)
            values = [ledger.unknowns[part].value for part in parts]
            # Only a relation the figures keep is knowledge (hand-made figures need not).
            if total.value is None or None in values or abs(sum(values) - total.value) < 0.5:
                ledger.sums.append((key(table.base), parts))
        # A table sorted by value is sorted again once suppression is decided, by the shown
        # (rounded) values with the hidden rows last (sort_presented_rows): its order tells
        # nothing the shown values do not, so it adds no relation.
    participations = key("conversations.participations")
    if participations in ledger.unknowns:
        ledger.unknown(key("conversations.total"), None)
        ledger.at_least.append((participations, key("conversations.total")))
    return ledger


def observed_ledger(report, attr: str, year: int) -> Ledger:
    """What a reader knows from one column as it is presented."""
    ledger = column_ledger(report, attr, year)
    _observe(ledger)
    return ledger


def _observe(ledger: Ledger) -> None:
    """Reads the marks off the presented cells, not the decisions that put them there (the
    audit checks those, so it must not trust them)."""
    for unknown in ledger.unknowns.values():
        marks = [_get(ref).mark for ref in unknown.cells if ref[0] != "ratio"]
        if marks:
            # Shown in one place is shown.
            unknown.state = SHOWN if "" in marks else (PRIMARY if PRIMARY in marks else SECONDARY)
            unknown.reason = "primary" if unknown.state == PRIMARY else ""
    for ratio in ledger.ratios:
        ratio.hidden = any(_get(ref).is_suppressed for ref in ratio.cells)
        top = ledger.unknowns[ratio.numerator]
        if ratio.hidden and top.state == UNSEEN:
            # A hidden share reads the dash whether its count is small or not; of a shown total
            # it is not zero, of a hidden one it may be.
            bottom = ledger.unknowns[ratio.denominator]
            top.state = SECONDARY
            top.floor = 0 if bottom.hidden else 1
            top.reason = "primary" if _get(ratio.cells[0]).mark == PRIMARY else ""


def _add_ratio(ledger: Ledger, row, attr: str, cell, numerator: Key, denominator: Key):
    if cell.value is None:
        return
    is_share = cell.kind == SHARE
    count = cell.count if is_share else None
    if is_share and count is None and cell.value == 0:
        count = 0
    # The count behind a share is an integer; a mean's sum (of ratings) need not be.
    top = ledger.unknown(numerator, count, integer=is_share or numerator[2] == "contacts.total")
    bottom = ledger.unknown(denominator, cell.count if cell.kind == MEAN else None)
    if is_share and count is not None and bottom.value is None and cell.value:
        bottom.value = round(count / cell.value)
    ratio = Ratio(
        numerator=numerator,
        denominator=denominator,
        value=float(cell.value),
        step=0.01 if is_share else 0.1,
        cells=[(row, attr)],
    )
    ledger.ratios.append(ratio)
    if is_share:
        top.cells.append(("ratio", ratio))


def decide(ledger: Ledger) -> None:
    """Hides what must be hidden in one block, until the audit passes (or rounds run out)."""
    k = ledger.k
    for unknown in ledger.unknowns.values():
        value = unknown.value
        behind_share = any(ref[0] == "ratio" for ref in unknown.cells)
        if (unknown.state == SHOWN or behind_share) and value is not None and 0 < value < k:
            if unknown.integer:
                unknown.state, unknown.reason = PRIMARY, "primary"
    for _round in range(MAX_ROUNDS):
        _propagate(ledger)
        try:
            failing = bounds(ledger, failures_only=True)
        except InconsistentLedger:
            # Figures that break their own relations: nothing can be proved, hide it all.
            logger.warning("Disclosure control: inconsistent figures; every count hidden.")
            _hide_everything(ledger)
            return
        if not failing:
            return
        if not any(_hide_next_to(ledger, bound.key) for bound in failing):
            break
    # Out of cells to hide one at a time (or of rounds): whatever is still narrowed down
    # takes every cell it is related to with it.
    for bound in bounds(ledger, failures_only=True):
        _hide_around(ledger, bound.key)
    _propagate(ledger)


def _hide_around(ledger: Ledger, key: Key) -> None:
    for total, parts in ledger.sums:
        if key in (total, *parts):
            for member in (total, *parts):
                unknown = ledger.unknowns[member]
                if not unknown.hidden and unknown.value and unknown.integer:
                    unknown.state, unknown.reason = SECONDARY, f"protects {key[2]}"
    for ratio in ledger.ratios:
        if key in (ratio.numerator, ratio.denominator):
            ratio.hidden = True


def _hide_everything(ledger: Ledger) -> None:
    for unknown in ledger.unknowns.values():
        if unknown.state in (SHOWN, UNSEEN) and unknown.value and unknown.integer:
            unknown.state, unknown.reason = SECONDARY, "inconsistent figures"
    for ratio in ledger.ratios:
        ratio.hidden = True


def _hidden(ledger: Ledger, key: Key) -> bool:
    unknown = ledger.unknowns.get(key)
    return unknown is not None and unknown.hidden


def _propagate(ledger: Ledger) -> None:
    """Derived hiding and one-hidden-cell tables, to a fixed point."""
    k = ledger.k
    changed = True
    while changed:
        changed = False
        for ratio in ledger.ratios:
            if ratio.hidden:
                continue
            top = ledger.unknowns[ratio.numerator]
            bottom = ledger.unknowns[ratio.denominator]
            small_base = bottom.value is not None and bottom.value < k
            if top.hidden or bottom.hidden or small_base:
                if top.value == 0 and not bottom.hidden:
                    continue  # a share of zero of a shown total names no one
                # Of a hidden total even a zero share is hidden: shown, it would tell the
                # reader the other shares' counts add up to the total.
                ratio.hidden = True
                changed = True
                behind_share = any(ref[0] == "ratio" for ref in top.cells)
                if top.state == UNSEEN and top.integer and behind_share:
                    top.state, top.reason = SECONDARY, f"rests on {bottom.key[2]}"
                    top.floor = 0 if bottom.hidden or not top.value else 1
        for total, parts in ledger.sums:
            members = [total, *parts]
            hidden = [key for key in members if _hidden(ledger, key)]
            if len(hidden) == 1:
                if _hide_cheapest(ledger, members, protects=hidden[0]):
                    changed = True


def _cost(ledger: Ledger, key: Key) -> tuple:
    """Prefer a cell nothing else rests on, then the smallest."""
    dependants = sum(
        1 for ratio in ledger.ratios if key in (ratio.denominator,) and not ratio.hidden
    )
    return (dependants, ledger.unknowns[key].value or 0, key)


def _hide_cheapest(ledger: Ledger, members: list[Key], *, protects: Key) -> bool:
    candidates = [
        key
        for key in members
        if key in ledger.unknowns
        and not ledger.unknowns[key].hidden
        and ledger.unknowns[key].value
        and ledger.unknowns[key].integer
    ]
    if not candidates:
        return False
    chosen = ledger.unknowns[min(candidates, key=lambda key: _cost(ledger, key))]
    chosen.state, chosen.reason = SECONDARY, f"protects {protects[2]}"
    for ratio in ledger.ratios:
        if ratio.numerator == chosen.key:
            ratio.hidden = True
    return True


def _hide_next_to(ledger: Ledger, key: Key) -> bool:
    """One more hidden cell in a relation with `key` (a table, then a share or mean)."""
    for total, parts in ledger.sums:
        members = [total, *parts]
        if key in members and _hide_cheapest(ledger, members, protects=key):
            return True
    for ratio in ledger.ratios:
        if not ratio.hidden and key in (ratio.numerator, ratio.denominator):
            ratio.hidden = True
            return True
    for larger, smaller in ledger.orders:
        if key in (larger, smaller):
            other = smaller if key == larger else larger
            if _hide_cheapest(ledger, [other], protects=key):
                return True
    # Nothing left to hide: the "<k" marks themselves narrow it (a tiny table whose total is
    # below k too). Such a count then reads the dash, which does not bound it from above.
    for total, parts in ledger.sums:
        members = [total, *parts]
        if key not in members:
            continue
        primaries = [member for member in members if ledger.unknowns[member].state == PRIMARY]
        if primaries:
            chosen = total if total in primaries else primaries[0]
            ledger.unknowns[chosen].state = SECONDARY
            ledger.unknowns[chosen].reason = "below k, marked - so as not to bound others"
            return True
    unknown = ledger.unknowns[key]
    if unknown.state == PRIMARY:
        unknown.state, unknown.reason = SECONDARY, "below k, marked - so as not to bound it"
        return True
    return False


def apply(ledger: Ledger) -> None:
    """Writes the decisions into every presented cell."""
    for unknown in ledger.unknowns.values():
        for ref in unknown.cells:
            if ref[0] == "ratio":
                continue
            _set(ref, replace(_get(ref), suppressed=_mark(unknown.state)))
    for ratio in ledger.ratios:
        top = ledger.unknowns[ratio.numerator]
        state = ""
        if ratio.hidden:
            state = PRIMARY if top.state == PRIMARY and top.cells else SECONDARY
        for ref in ratio.cells:
            _set(ref, replace(_get(ref), suppressed=state))


def _get(ref):
    """A presented cell: (row, "current"/"previous"), or (trend row, index of the year)."""
    holder, attr = ref
    return holder.cells[attr] if isinstance(attr, int) else getattr(holder, attr)


def _set(ref, cell) -> None:
    holder, attr = ref
    if isinstance(attr, int):
        holder.cells[attr] = cell
    else:
        setattr(holder, attr, cell)


def _mark(state: str) -> str:
    return state if state in (PRIMARY, SECONDARY) else ""


@dataclass
class Decisions:
    """One year's suppression at one scope: what its own report hides, wherever it is shown."""

    states: dict[Key, str]
    reasons: dict[Key, str]
    hidden_ratios: set[tuple[Key, Key]]

    def state_of(self, key: Key) -> str | None:
        return self.states.get(key)


def decisions_of(ledger: Ledger) -> Decisions:
    return Decisions(
        states={key: unknown.state for key, unknown in ledger.unknowns.items()},
        reasons={key: unknown.reason for key, unknown in ledger.unknowns.items()},
        hidden_ratios={(r.numerator, r.denominator) for r in ledger.ratios if r.hidden},
    )


def decide_report(report) -> Decisions:
    """The decisions for a report's current year, from that report (built without a previous
    year, so that they depend on the year's figures alone)."""
    ledger = column_ledger(report, "current", report.year)
    decide(ledger)
    return decisions_of(ledger)


def apply_decisions(report, attr: str, year: int, decisions: Decisions) -> Ledger:
    """Writes a year's decisions into one column of a report. A row only this report has (a
    category present in the other year) holds zero: shown, unless it is a share of a hidden
    total."""
    ledger = column_ledger(report, attr, year)
    for key, unknown in ledger.unknowns.items():
        state = decisions.state_of(key)
        if state is not None:
            unknown.state, unknown.reason = state, decisions.reasons.get(key, "")
    for ratio in ledger.ratios:
        pair = (ratio.numerator, ratio.denominator)
        bottom = ledger.unknowns[ratio.denominator]
        ratio.hidden = pair in decisions.hidden_ratios or bottom.hidden
    apply(ledger)
    return ledger


def protect(report, *, current: Decisions, previous: Decisions | None) -> None:
    """Suppresses a Presentation in place: each column with its own year's decisions."""
    apply_decisions(report, "current", report.year, current)
    if report.previous_year is not None and previous is not None:
        apply_decisions(report, "previous", report.previous_year, previous)
    for table in report.tables:
        if table.sorted_rows:
            sort_presented_rows(table.rows)


def sort_presented_rows(rows: list) -> None:
    """Largest shown value first, hidden rows last in code order: sorting by the exact values
    would tell a reader that a hidden share lies between its neighbours."""
    rows.sort(
        key=lambda row: (
            row.current.is_suppressed,
            -(row.current.shown or 0),
            row.key,
        )
    )


TREND_COUNTS = {"contacts_total": "contacts.total", "youth": "youth.personal"}


def trends_ledger(trends, index: int, *, observed: bool = False) -> Ledger:
    """One year of the national trends page: the same unknowns as the national report's."""
    ledger = Ledger(k=trends.k)
    year = trends.years[index]

    def key(name: str) -> Key:
        return ("national", year, name)

    for row in trends.overview:
        cell = row.cells[index]
        if row.code in TREND_COUNTS and cell.value is not None:
            ledger.present(key(TREND_COUNTS[row.code]), cell.value, (row, index))
        elif row.code == "age" and cell.value is not None:
            ledger.unknown(key("age.sum"), None, integer=False)
            ledger.unknown(key("age.known"), cell.count)
            ledger.ratios.append(
                Ratio(
                    key("age.sum"), key("age.known"), float(cell.value), 0.1, cells=[(row, index)]
                )
            )
    for row in trends.themes:
        cell = row.cells[index]
        if cell.value is None:
            continue
        _add_ratio(ledger, row, index, cell, key(f"themes.{row.code}"), key("contacts.total"))
    if observed:
        _observe(ledger)
    return ledger


def protect_trends(trends, national: dict | None = None) -> list[Ledger]:
    """Suppresses the trends page year by year. `national` holds the national report's
    decisions per year: the page then hides at least what the report hides (the same
    unknowns), and more where its own relations need it."""
    ledgers = []
    for index, year in enumerate(trends.years):
        ledger = trends_ledger(trends, index)
        known = (national or {}).get(year)
        if known is not None:
            for key, unknown in ledger.unknowns.items():
                if known.state_of(key) in (PRIMARY, SECONDARY):
                    unknown.state, unknown.reason = known.state_of(key), known.reasons[key]
            for ratio in ledger.ratios:
                if (ratio.numerator, ratio.denominator) in known.hidden_ratios:
                    ratio.hidden = True
        decide(ledger)
        apply(ledger)
        ledgers.append(ledger)
    return ledgers
