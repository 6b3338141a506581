"""The scenario's rules and arithmetic as pure functions: no database, tested by hand.

frirum.planning.plan gathers their inputs from the register and the templates.
"""

import statistics
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENTRE = "centre"
SATELLITE = "satellite"


def recommend_kind(population_total: int | None, threshold: int) -> str | None:
    """A centre where the municipality has at least `threshold` inhabitants, else a
    satellite; None without a population figure."""
    if population_total is None:
        return None
    return CENTRE if population_total >= threshold else SATELLITE


@dataclass(frozen=True)
class HubOption:
    code: str
    name: str
    region_id: int
    satellites: int
    chiefs: tuple[str, ...] = ()
    # Every site the chiefs lead (the centre and its satellites): the chief's load.
    chief_sites: int = 1

    def spare(self, capacity: int) -> int:
        return max(capacity - self.satellites, 0)


def hub_candidates(centres: list[HubOption], *, region_id: int, capacity: int) -> list[HubOption]:
    """Centres in the region with room for one more satellite, most room first."""
    fitting = [c for c in centres if c.region_id == region_id and c.satellites < capacity]
    return sorted(fitting, key=lambda c: (c.satellites, c.name))


@dataclass(frozen=True)
class Spread:
    """Median and interquartile range of n values (quartiles by linear interpolation
    between the ordered values, Python's statistics.quantiles(method="inclusive"))."""

    n: int
    median: float | None
    q1: float | None
    q3: float | None

    def times(self, factor: float) -> "Spread":
        def scaled(value):
            return None if value is None else value * factor

        return Spread(self.n, scaled(self.median), scaled(self.q1), scaled(self.q3))

    def rounded(self) -> "Spread":
        return Spread(self.n, rounded(self.median), rounded(self.q1), rounded(self.q3))


def spread(values: list[float]) -> Spread:
    values = sorted(values)
    if not values:
        return Spread(0, None, None, None)
    if len(values) == 1:
        return Spread(1, values[0], values[0], values[0])
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(len(values), median, q1, q3)


@dataclass(frozen=True)
class SiteYear:
    """One comparable site's year: young people and conversations, and its municipality's
    residents aged 12-25."""

    code: str
    name: str
    year: int
    youth: int
    contacts: int
    population_12_25: int

    @property
    def youth_per_1000(self) -> float:
        return self.youth / self.population_12_25 * 1000

    @property
    def contacts_per_1000(self) -> float:
        return self.contacts / self.population_12_25 * 1000


# An estimate needs at least this many comparable site-years: with one or two, the median
# (and the quartiles) is a single site-year's own figure.
MIN_SITE_YEARS = 3
# Estimates are presented rounded to this many young people or conversations: an estimate,
# not a measurement, and rounded it cannot be multiplied back into a site-year's exact count.
ROUND_TO = 10


def rounded(value: float | None) -> int | None:
    """To the nearest ROUND_TO (half up); None stays None. 0 < value < ROUND_TO / 2 gives 0:
    the presented forms say "under 10" for that."""
    if value is None:
        return None
    tens = (Decimal(str(value)) / ROUND_TO).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(tens) * ROUND_TO


@dataclass(frozen=True)
class Estimate:
    used: tuple[SiteYear, ...]
    youth_rate: Spread
    contacts_rate: Spread
    youth: Spread  # young people a year in the municipality (exact)
    contacts: Spread  # conversations a year (exact)
    # Site-years left out: fewer than k young people or conversations (hidden in the table,
    # so no estimate may rest on them).
    left_out: tuple[SiteYear, ...] = ()

    @property
    def youth_shown(self) -> Spread:
        """The estimate as presented: rounded to ROUND_TO."""
        return self.youth.rounded()

    @property
    def contacts_shown(self) -> Spread:
        return self.contacts.rounded()


def estimate(used: list[SiteYear], population_12_25: int | None, *, k: int = 1) -> Estimate:
    """Median and quartiles of the comparable site-years' rates times the municipality's
    young people. A site-year with fewer than k young people or conversations is left out, and
    there is no estimate from fewer than MIN_SITE_YEARS site-years (the spreads' values are
    None, n says how many there were)."""
    kept = [item for item in used if item.youth >= k and item.contacts >= k]
    left_out = tuple(item for item in used if item not in kept)
    if len(kept) < MIN_SITE_YEARS:
        none = Spread(len(kept), None, None, None)
        return Estimate(tuple(kept), none, none, none, none, left_out)
    youth_rate = spread([item.youth_per_1000 for item in kept])
    contacts_rate = spread([item.contacts_per_1000 for item in kept])
    factor = (population_12_25 or 0) / 1000
    return Estimate(
        used=tuple(kept),
        youth_rate=youth_rate,
        contacts_rate=contacts_rate,
        youth=youth_rate.times(factor)
        if population_12_25
        else Spread(youth_rate.n, None, None, None),
        contacts=contacts_rate.times(factor)
        if population_12_25
        else Spread(contacts_rate.n, None, None, None),
        left_out=left_out,
    )


def median_or_none(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


@dataclass(frozen=True)
class Line:
    label: str
    amount: int | None
    payer: str
    kind: str  # "establishment" or "yearly"
    halved_in_first_year: bool
    source: str
    source_year: int


@dataclass
class BudgetYear:
    year: int
    by_payer: dict[str, int] = field(default_factory=dict)
    by_line: list[int | None] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.by_payer.values())


@dataclass
class Budget:
    lines: list[Line]
    years: list[BudgetYear]
    payers: tuple[str, ...]
    establishment: int
    yearly_full: int  # one full year's operation, every payer
    half_first_year: bool

    @property
    def total(self) -> int:
        return sum(year.total for year in self.years)

    def payer_total(self, payer: str) -> int:
        return sum(year.by_payer.get(payer, 0) for year in self.years)

    def yearly_by_payer(self, payer: str) -> int:
        """A full year's operation paid by the payer (the Randers memo's columns)."""
        return sum(
            line.amount or 0 for line in self.lines if line.kind == "yearly" and line.payer == payer
        )

    def establishment_by_payer(self, payer: str) -> int:
        return sum(
            line.amount or 0
            for line in self.lines
            if line.kind == "establishment" and line.payer == payer
        )


def _kroner(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def budget(
    lines: list[Line],
    *,
    start_year: int,
    years: int,
    half_first_year: bool,
    first_year_share: Decimal,
    payers: tuple[str, ...] = ("state", "municipality", "foundations"),
) -> Budget:
    """Who pays what in each year of the agreement.

    Establishment lines fall in the first year; yearly lines in every year, except that a
    line marked `halved_in_first_year` is paid at `first_year_share` in the first year when
    `half_first_year`. Lines without an amount are listed but never summed.
    """
    if years < 1:
        raise ValueError("an agreement lasts at least one year")
    result = []
    for offset in range(years):
        year = BudgetYear(start_year + offset, {payer: 0 for payer in payers})
        for line in lines:
            amount: int | None
            if line.amount is None:
                amount = None
            elif line.kind == "establishment":
                amount = line.amount if offset == 0 else 0
            elif offset == 0 and half_first_year and line.halved_in_first_year:
                amount = _kroner(Decimal(line.amount) * first_year_share)
            else:
                amount = line.amount
            year.by_line.append(amount)
            if amount:
                year.by_payer[line.payer] = year.by_payer.get(line.payer, 0) + amount
        result.append(year)
    return Budget(
        lines=lines,
        years=result,
        payers=payers,
        establishment=sum(line.amount or 0 for line in lines if line.kind == "establishment"),
        yearly_full=sum(line.amount or 0 for line in lines if line.kind == "yearly"),
        half_first_year=half_first_year,
    )


def per_unit(amount: int | None, units: float | None) -> float | None:
    """Cost per conversation or per young person; None where there is nothing to divide by."""
    if amount is None or not units:
        return None
    return amount / units
