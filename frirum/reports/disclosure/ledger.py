"""What a reader knows: the presented cells and the linear relations between them.

A ledger holds unknowns (counts, and the sums behind means) keyed by (scope, year, name), so
the same count presented in two places (a table and its total row, this year's column and the
next report's previous-year column, a municipality's chat users in each of its sites'
reports) is one unknown. A shown count fixes its unknown; a shown share or mean, rounded as
presented, bounds numerator / denominator (a linear pair of inequalities, since the shown
value is a constant); a table that adds up ties its rows to its total. (A table sorted by
value is sorted by the shown values, hidden rows last, so its order tells nothing more.) What
the marks say is knowledge too: zeros are shown, so a hidden count is at least 1 (a share of
a hidden total is hidden even at zero: at least 0), and "<k" says at most k-1.
"""

from dataclasses import dataclass, field

SHOWN = ""
PRIMARY = "primary"
SECONDARY = "secondary"
UNSEEN = "unseen"  # never presented (e.g. the number of bridged conversations behind shares)

Key = tuple[str, int, str]  # (scope, year, figure name)


@dataclass
class Unknown:
    key: Key
    value: float | None
    integer: bool = True
    state: str = UNSEEN
    # The least a reader can assume of it when hidden: 1 where zeros are always shown (count
    # tables, shares of a shown total), 0 for a share of a hidden total (hidden even at zero).
    floor: int = 1
    # Why it is hidden, for the audit table ("primary", "protects youth.chat_resident", ...).
    reason: str = ""
    # Cells (row, attribute) that present it, so a decision reaches every place it is shown.
    cells: list = field(default_factory=list)

    @property
    def hidden(self) -> bool:
        return self.state in (PRIMARY, SECONDARY)


@dataclass
class Ratio:
    """A presented share or mean: numerator / denominator, shown rounded to `step`."""

    numerator: Key
    denominator: Key
    value: float | None
    step: float  # 0.01 for a whole percent, 0.1 for one decimal
    scale: float = 1.0  # a share is numerator / denominator, a percentage of it x 100
    hidden: bool = False
    cells: list = field(default_factory=list)


@dataclass
class Ledger:
    k: int
    unknowns: dict[Key, Unknown] = field(default_factory=dict)
    ratios: list[Ratio] = field(default_factory=list)
    # (total, parts): parts add up to total.
    sums: list[tuple[Key, list[Key]]] = field(default_factory=list)
    # (larger, smaller): a sorted table shows the first before the second.
    orders: list[tuple[Key, Key]] = field(default_factory=list)
    # (bigger, smaller): the first is at least the second (e.g. participations >= meetings).
    at_least: list[tuple[Key, Key]] = field(default_factory=list)
    # Bounds of groups already solved, by the group's problem: suppression solves again after
    # each cell it hides, and most groups have not changed.
    solved: dict = field(default_factory=dict, repr=False, compare=False)

    def unknown(self, key: Key, value, *, integer: bool = True) -> Unknown:
        found = self.unknowns.get(key)
        if found is None:
            found = self.unknowns[key] = Unknown(key, value, integer)
        elif found.value is None and value is not None:
            found.value = value
        return found

    def present(self, key: Key, value, cell_ref=None, *, integer: bool = True) -> Unknown:
        """A count presented in a cell: shown unless a rule hides it."""
        unknown = self.unknown(key, value, integer=integer)
        if unknown.state == UNSEEN:
            unknown.state = SHOWN
        if cell_ref is not None:
            unknown.cells.append(cell_ref)
        return unknown

    def merge(self, other: "Ledger") -> None:
        """Adds another ledger's knowledge (another report, another year) to this one."""
        for key, unknown in other.unknowns.items():
            mine = self.unknowns.get(key)
            if mine is None:
                self.unknowns[key] = Unknown(
                    key,
                    unknown.value,
                    unknown.integer,
                    unknown.state,
                    unknown.floor,
                    unknown.reason,
                )
            elif mine.state in (UNSEEN, PRIMARY, SECONDARY) and unknown.state == SHOWN:
                # Shown anywhere is shown: the reader takes it from there.
                mine.state, mine.reason = SHOWN, ""
            elif mine.state == UNSEEN:
                mine.state, mine.reason = unknown.state, unknown.reason
                mine.floor = unknown.floor
            elif mine.hidden and unknown.hidden:
                mine.floor = min(mine.floor, unknown.floor)
        self.ratios += other.ratios
        self.sums += other.sums
        self.orders += other.orders
        self.at_least += other.at_least
