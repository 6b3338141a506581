"""The presented report: sections of tables built once from the figures, read by every format.

A Table knows its figure name (as in the interchange page), its rows with the current and the
previous year's cells (already suppressed), and an SVG chart. HTML, PDF, XLSX and CSV only walk
this structure, so suppression can never differ between formats.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from frirum.reports import charts
from frirum.reports.suppression import (
    COUNT,
    DASH,
    SHARE,
    Cell,
    change_text,
    change_value,
    count_cell,
    share_cell,
    suppress_counts,
    suppress_shares,
    value_cell,
)

# Parts of the figures that say which report they are, not what happened in the year.
_NOT_ACTIVITY = {"report", "year", "site", "site_info", "meta", "k", "first_year", "last_year"}


def has_data(figures: dict | None) -> bool:
    """Whether anything happened in the figures' year: any count or share above zero.

    A year without any data is not a year of zeros: the reports say "no data" for it and
    leave it out of the year-on-year changes.
    """

    def any_positive(node) -> bool:
        if isinstance(node, bool):
            return False
        if isinstance(node, int | float):
            return node > 0
        if isinstance(node, dict):
            return any(any_positive(value) for value in node.values())
        if isinstance(node, list | tuple):
            return any(any_positive(value) for value in node)
        return False

    if not figures:
        return False
    return any(any_positive(value) for key, value in figures.items() if key not in _NOT_ACTIVITY)


def same_day(day, year: int):
    """The same day in another year (28 February for 29 February); None stays None."""
    if day is None:
        return None
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def period_label(year: int, until=None, *, short: bool = False) -> str:
    """The year ("2025"), or for an unfinished year its period from 1 January to `until`
    ("1. januar" to "29. november 2026", joined by an en dash; short: "1.1." to "29.11.2026"),
    in the active language's date formats."""
    import datetime

    from django.utils.formats import date_format
    from django.utils.translation import get_language

    if until is None:
        return str(year)
    start = datetime.date(year, 1, 1)
    if short:
        return f"{date_format(start, 'j.n.')}\u2013{date_format(until, 'j.n.Y')}"
    english = (get_language() or "da").startswith("en")
    day, full = ("j F", "j F Y") if english else ("j. F", "j. F Y")
    return f"{date_format(start, day)}\u2013{date_format(until, full)}"


def figure(figures: dict | None, name: str, default=None):
    """figures["a"]["b"] for the name "a.b"; the default when any part is missing."""
    node = figures
    for part in name.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


@dataclass
class Row:
    key: str
    label: str
    current: Cell
    previous: Cell | None = None
    figure: str = ""  # the full figure name, for rows gathered from several figures
    # A share or mean is numerator / denominator (names of counts, shown or not): what the
    # disclosure control ties together (frirum.reports.disclosure).
    numerator: str = ""
    denominator: str = ""

    @property
    def change(self) -> str:
        return change_text(self.current, self.previous)

    @property
    def change_value(self) -> int | float | None:
        return change_value(self.current, self.previous)


@dataclass
class Table:
    name: str
    title: str
    kind: str
    rows: list[Row]
    total: Row | None = None
    chart: object = ""  # a LazyChart, or ""
    note: str = ""
    multi: bool = False  # cells need not add up (several per contact)
    base: str = ""  # the figure the rows add up to (counts) or are shares of
    sorted_rows: bool = False  # rows in order of the current value: the order tells too

    @property
    def has_previous(self) -> bool:
        return any(row.previous is not None for row in self.rows)

    @property
    def suppressed_any(self) -> bool:
        return bool(self.hidden_cells())

    def hidden_cells(self) -> list[Cell]:
        rows = [*self.rows, *([self.total] if self.total else [])]
        cells = [cell for row in rows for cell in (row.current, row.previous) if cell]
        return [cell for cell in cells if cell.is_suppressed]

    @property
    def legend(self) -> list[str]:
        """One line per mark that occurs in the table, and only those."""
        return legend_lines(self.hidden_cells())


def legend_lines(cells: Iterable[Cell]) -> list[str]:
    from frirum.reports.render.definitions import DASH_LEGEND, SMALL_LEGEND

    texts = {cell.text: cell.k for cell in cells}
    lines = [str(SMALL_LEGEND) % {"k": k} for text, k in texts.items() if text.startswith("<")]
    if DASH in texts:
        lines.append(str(DASH_LEGEND) % {"mark": DASH})
    return lines


@dataclass
class Section:
    slug: str
    title: str
    tables: list[Table] = field(default_factory=list)
    intro: str = ""


@dataclass
class Presentation:
    kind: str
    title: str
    subtitle: str
    year: int
    previous_year: int | None
    k: int
    site: object | None
    facts: list[tuple[str, str]]
    highlights: list[Row]
    comparison: Table | None
    sections: list[Section]
    definitions: list[tuple[str, str, str]]
    generated_on: object
    language: str
    # Whose figures: the site's code ("" for national) and its municipality's code, which the
    # disclosure control keys its unknowns by (frirum.reports.disclosure.protect).
    scope: str = ""
    municipality_code: str | None = None
    # False when nothing at all happened in the year: the report says "no data" instead of
    # presenting a year of zeros.
    has_data: bool = True
    # The year before, when it has no data at all: shown as "no data", left out of changes.
    previous_without_data: int | None = None
    # The last day the figures cover when the year is not over yet (the figures' "until").
    until: object | None = None

    @property
    def partial(self) -> bool:
        return self.until is not None

    @property
    def year_label(self) -> str:
        """The year, or the period of an unfinished year (see period_label)."""
        return period_label(self.year, self.until)

    @property
    def previous_label(self) -> str:
        if self.previous_year is None:
            return ""
        return period_label(self.previous_year, same_day(self.until, self.previous_year))

    @property
    def year_column(self) -> str:
        return period_label(self.year, self.until, short=True)

    @property
    def previous_column(self) -> str:
        if self.previous_year is None:
            return ""
        until = same_day(self.until, self.previous_year)
        return period_label(self.previous_year, until, short=True)

    @property
    def tables(self) -> Iterable[Table]:
        if self.comparison:
            yield self.comparison
        for section in self.sections:
            yield from section.tables

    @property
    def suppression_note(self) -> str:
        from frirum.reports.render.definitions import PRESENTATION

        return " ".join([str(PRESENTATION) % {"k": self.k}, *self.legend])

    @property
    def legend(self) -> list[str]:
        cells = [cell for table in self.tables for cell in table.hidden_cells()]
        cells += [row.current for row in self.highlights if row.current.is_suppressed]
        return legend_lines(cells)

    @property
    def suppressed_any(self) -> bool:
        return any(table.suppressed_any for table in self.tables) or any(
            row.current.is_suppressed for row in self.highlights
        )


def _keys(current: dict, previous: dict | None, order: list[str], keep_all: bool) -> list[str]:
    present = set(current) | set(previous or {})
    keys = [key for key in order if keep_all or key in present]
    keys += sorted(key for key in present if key not in keys)
    return keys


def count_table(
    *,
    name: str,
    title: str,
    current: dict | None,
    previous: dict | None,
    total: int | None,
    previous_total: int | None,
    label: Callable[[str], str],
    order: list[str] | None = None,
    keep_all: bool = True,
    k: int,
    has_previous: bool,
    total_label: str = "",
    base: str = "",
) -> Table:
    """Counts that add up to a total (a category absent from the figures is 0); `base` names
    the total's figure."""
    current, previous = current or {}, previous or {}
    keys = _keys(current, previous, order or [], keep_all)
    now = suppress_counts({key: current.get(key, 0) for key in keys}, k=k, total=total)
    before = (
        suppress_counts({key: previous.get(key, 0) for key in keys}, k=k, total=previous_total)
        if has_previous
        else {}
    )
    rows = [Row(key, label(key), now[key], before.get(key), figure=f"{name}.{key}") for key in keys]
    total_row = None
    if total_label:
        total_row = Row(
            "total",
            total_label,
            count_cell(total, k=k),
            count_cell(previous_total, k=k) if has_previous else None,
            figure=base,
        )
    return Table(name=name, title=title, kind=COUNT, rows=rows, total=total_row, base=base)


def share_table(
    *,
    name: str,
    title: str,
    current: dict | None,
    previous: dict | None,
    denominator: int | None,
    previous_denominator: int | None,
    label: Callable[[str], str],
    order: list[str] | None = None,
    keep_all: bool = False,
    additive: bool = True,
    k: int,
    has_previous: bool,
    sort_by_value: bool = False,
    limit: int | None = None,
    base: str = "",
) -> Table:
    """Shares of one denominator (the count named `base`); `additive` when they sum to 1."""
    current, previous = current or {}, previous or {}
    keys = _keys(current, previous, order or [], keep_all)
    # Suppression looks at the whole table before any rows are cut for display.
    now = suppress_shares(
        {key: current.get(key, 0.0) for key in keys},
        denominator=denominator,
        k=k,
        additive=additive,
    )
    before = (
        suppress_shares(
            {key: previous.get(key, 0.0) for key in keys},
            denominator=previous_denominator,
            k=k,
            additive=additive,
        )
        if has_previous
        else {}
    )
    if sort_by_value:
        keys.sort(key=lambda key: (-current.get(key, 0.0), key))
    if limit:
        keys = keys[:limit]
    rows = [
        Row(
            key,
            label(key),
            now[key],
            before.get(key),
            numerator=f"{name}.{key}",
            denominator=base or f"{name}.denominator",
        )
        for key in keys
    ]
    return Table(
        name=name,
        title=title,
        kind=SHARE,
        rows=rows,
        multi=not additive or bool(limit),
        base=base or f"{name}.denominator",
        sorted_rows=sort_by_value,
    )


def mean_table(
    *,
    name: str,
    title: str,
    current: dict | None,
    previous: dict | None,
    base: int | None,
    previous_base: int | None,
    label: Callable[[str], str],
    order: list[str],
    k: int,
    has_previous: bool,
) -> Table:
    current, previous = current or {}, previous or {}
    keys = _keys(current, previous, order, keep_all=False)
    rows = [
        Row(
            key,
            label(key),
            value_cell(current.get(key), base=base, k=k),
            value_cell(previous.get(key), base=previous_base, k=k) if has_previous else None,
            numerator=f"{name}.sum.{key}",
            denominator=f"{name}.answers",
        )
        for key in keys
    ]
    return Table(name=name, title=title, kind="mean", rows=rows)


def single_share(value: float | None, denominator: int | None, k: int) -> Cell:
    return share_cell(value, denominator=denominator, k=k)


class LazyChart:
    """A chart drawn when it is shown, so it draws the cells as suppression left them (the
    tables are built first, then the disclosure control decides what is hidden)."""

    def __init__(self, draw: Callable[[], SafeString]):
        self._draw = draw
        self._svg: SafeString | None = None

    def render(self) -> SafeString:
        if self._svg is None:
            self._svg = self._draw()
        return self._svg

    def __html__(self) -> str:
        return self.render()

    def __str__(self) -> str:
        return self.render()

    def __contains__(self, text: str) -> bool:
        return text in self.render()

    def __bool__(self) -> bool:
        return True


def bar_chart_for(table: Table, *, chart_id: str, desc: str, year_labels=None) -> LazyChart:
    """A bar chart of the table; grouped by year when the previous year is there."""
    return LazyChart(
        lambda: _bar_chart(table, chart_id=chart_id, desc=desc, year_labels=year_labels)
    )


def _bar_chart(table: Table, *, chart_id: str, desc: str, year_labels=None) -> SafeString:
    if table.has_previous and year_labels:
        return charts.grouped_bar_chart(
            chart_id=chart_id,
            title=table.title,
            desc=desc,
            categories=[row.label for row in table.rows],
            series=[
                (
                    year_labels[0],
                    [(plot_value(row.current), row.current.text) for row in table.rows],
                ),
                (
                    year_labels[1],
                    [
                        (plot_value(row.previous), row.previous.text if row.previous else "")
                        for row in table.rows
                    ],
                ),
            ],
            max_value=1.0 if table.kind == SHARE and not table.multi else None,
        )
    return charts.bar_chart(
        chart_id=chart_id,
        title=table.title,
        desc=desc,
        items=[(row.label, plot_value(row.current), row.current.text) for row in table.rows],
    )


def plot_value(cell: Cell | None) -> float | None:
    """What a chart may draw: never a hidden value, and a shown one only as rounded as its
    text (a bar's exact length would give the unrounded share away)."""
    if cell is None:
        return None
    shown = cell.shown
    return None if shown is None else float(shown)
