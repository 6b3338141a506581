"""Disclosure control of the coverage table and the memo, with the reports' machinery
(frirum.reports.disclosure, docs/figures.md "Disclosure control").

What a reader knows is a ledger: the coverage table's young people reached per municipality
(and the unknown-residence row) add up to the shown national total, and each rate per 1,000
times the shown population gives its count back. Suppression (`protect_coverage`) is the
reports' `decide`: primary, derived, secondary, then more until the attacker's bounds are wide
enough. The memo presents the municipality's count with the coverage table's decision (the
same unknown), its comparable site-years (a site's young people are at most its
conversations; the rate gives the count back), the network's actual costs over counts, and
national evaluation counts and shares; `audit` merges the ledgers of every view and solves.
"""

from frirum.reports.disclosure.audit import Audit, audit_ledgers
from frirum.reports.disclosure.ledger import PRIMARY, SECONDARY, SHOWN, Key, Ledger, Ratio
from frirum.reports.disclosure.protect import apply, decide
from frirum.reports.suppression import Cell

NATIONAL = "national"


def reached_key(year: int, code: str) -> Key:
    return (f"municipality:{code}", year, "coverage.reached")


def population_key(year: int, code: str) -> Key:
    # Populations are public figures, shown; keyed by the municipality so that the coverage
    # table's and the memo's rates rest on the same one.
    return (f"municipality:{code}", year, "coverage.population_12_25")


class Tracker:
    """The presented cells of one view, keyed as the ledger keys them."""

    def __init__(self, k: int):
        self.k = k
        self.counts: list[tuple[Key, object]] = []  # (key, holder or cell)
        self.ratios: list[tuple[Key, Key, float, float, float, object]] = []
        self.constants: list[tuple[Key, float, bool]] = []
        self.at_least: list[tuple[Key, Key]] = []
        self.sums: list[tuple[Key, list[Key]]] = []
        # Exact values of counts no cell shows (the count behind a share): the audit's
        # "value" column and its consistency check.
        self.values: dict[Key, float | None] = {}

    def count(self, key: Key, cell: Cell) -> Cell:
        self.counts.append((key, cell))
        return cell

    def constant(self, key: Key, value, *, integer: bool = True) -> None:
        """A figure shown whatever it is (a population, an entered cost)."""
        self.constants.append((key, value, integer))

    def ratio(
        self, numerator: Key, denominator: Key, cell: Cell, *, step=0.1, scale=1.0, values=None
    ):
        """A presented rate, share or mean of numerator over denominator; `cell` shows
        value x scale rounded to `step`; `values` the exact (numerator, denominator)."""
        if values is not None:
            self.values.setdefault(numerator, values[0])
            self.values.setdefault(denominator, values[1])
        if cell.value is not None:
            value = cell.value / scale if scale != 1.0 else cell.value
            self.ratios.append((numerator, denominator, value, step, scale, cell))
        return cell

    def observed(self) -> Ledger:
        """What a reader knows, read off the presented cells' marks (not the decisions)."""
        values = self.values
        ledger = Ledger(k=self.k)
        for key, value, integer in self.constants:
            ledger.present(key, value, integer=integer)
        marks: dict[Key, set[str]] = {}
        for key, cell in self.counts:
            ledger.unknown(key, cell.value)
            marks.setdefault(key, set()).add(cell.mark)
        for key, seen in marks.items():
            # Shown in one place is shown.
            unknown = ledger.unknowns[key]
            if "" in seen:
                unknown.state = SHOWN
            else:
                unknown.state = PRIMARY if PRIMARY in seen else SECONDARY
        for numerator, denominator, value, step, scale, cell in self.ratios:
            top = ledger.unknown(numerator, values.get(numerator))
            ledger.unknown(denominator, values.get(denominator))
            ratio = Ratio(numerator, denominator, value, step, scale, cell.is_suppressed)
            ledger.ratios.append(ratio)
            if top.state not in (SHOWN, PRIMARY, SECONDARY) and cell.is_suppressed:
                # A hidden rate whose count is never shown: the dash says nothing of its size.
                top.state, top.floor = SECONDARY, 0
        ledger.at_least += self.at_least
        ledger.sums += self.sums
        return ledger


def _coverage_ledger(table) -> tuple[Ledger, list]:
    """The coverage table as a ledger whose unknowns point at the table's cells."""
    year, k = table.year, table.k
    ledger = Ledger(k=k)
    total = (NATIONAL, year, "coverage.reached")
    ledger.present(total, table.reached_total.value, (table, "reached_total"))
    parts = []
    for row in table.rows:
        key = reached_key(year, row.code)
        ledger.present(key, row.reached.value, (row, "reached"))
        parts.append(key)
        population = row.population_12_25.value
        if row.per_1000.value is not None and population:
            ledger.present(population_key(year, row.code), population)
            ledger.ratios.append(
                Ratio(
                    key,
                    population_key(year, row.code),
                    row.per_1000.value / 1000,
                    0.1,
                    1000.0,
                    cells=[(row, "per_1000")],
                )
            )
    unknown = (NATIONAL, year, "coverage.reached_unknown")
    ledger.present(unknown, table.reached_unknown.value, (table, "reached_unknown"))
    parts.append(unknown)
    ledger.sums.append((total, parts))
    return ledger, parts


def protect_coverage(table) -> None:
    """Decides and writes the coverage table's suppression in place."""
    ledger, _parts = _coverage_ledger(table)
    decide(ledger)
    apply(ledger)


def coverage_tracker(table) -> Tracker:
    """The coverage table as presented, for the audit."""
    tracker = Tracker(table.k)
    year = table.year
    total = (NATIONAL, year, "coverage.reached")
    tracker.count(total, table.reached_total)
    parts = []
    for row in table.rows:
        key = reached_key(year, row.code)
        tracker.count(key, row.reached)
        parts.append(key)
        population = row.population_12_25.value
        if row.per_1000.value is not None and population:
            tracker.constant(population_key(year, row.code), population)
            tracker.ratio(key, population_key(year, row.code), row.per_1000, step=0.1, scale=1000.0)
    unknown = (NATIONAL, year, "coverage.reached_unknown")
    tracker.count(unknown, table.reached_unknown)
    parts.append(unknown)
    tracker.sums.append((total, parts))
    return tracker


def audit(trackers: list[Tracker], *, k: int, year: int, reader: str, views: list[str]) -> Audit:
    """The attacker's bounds over every view together (e.g. the coverage table and a memo)."""
    ledgers = [tracker.observed() for tracker in trackers]
    return audit_ledgers(ledgers, k=k, reader=reader, year=year, views=views)


def audit_coverage(table) -> Audit:
    return audit(
        [coverage_tracker(table)],
        k=table.k,
        year=table.year,
        reader="coverage",
        views=[f"coverage {table.year}"],
    )


def audit_memo(plan, memo) -> Audit:
    """The memo together with the coverage table of its year: both may be published."""
    from frirum.planning.coverage import build_coverage

    trackers, views = [memo.tracker], [f"memo {plan.municipality.name}"]
    if plan.coverage:
        trackers.append(coverage_tracker(build_coverage(plan.coverage, k=memo.k)))
        views.append(f"coverage {plan.evaluation_year}")
    return audit(
        trackers,
        k=memo.k,
        year=plan.evaluation_year,
        reader=f"memo {plan.municipality.code}",
        views=views,
    )
