"""The national trends page: contact reasons (themes) and average age over the years."""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from frirum.reports import charts
from frirum.reports.disclosure.protect import protect_trends
from frirum.reports.render.labels import Labels
from frirum.reports.render.model import period_label
from frirum.reports.suppression import count_cell, format_percent, share_cell, value_cell

TOP_THEMES_IN_CHART = 6


@dataclass
class TrendRow:
    label: str
    cells: list
    code: str = ""


@dataclass
class Trends:
    years: list[int]
    k: int
    # Column labels: the year, or for the year still running its period so far.
    labels: list[str] = field(default_factory=list)
    # Years inside the span with nothing registered: left out, named in a note.
    without_data: list[int] = field(default_factory=list)
    # The last day of the running year's figures, when the last column is that year.
    until: object = None
    overview: list[TrendRow] = field(default_factory=list)
    themes: list[TrendRow] = field(default_factory=list)
    age_chart: str = ""
    themes_chart: str = ""

    @property
    def legend(self) -> list[str]:
        """One line per mark used on the page, and only those."""
        from frirum.reports.render.model import legend_lines

        rows = [*self.overview, *self.themes]
        return legend_lines(cell for row in rows for cell in row.cells if cell.is_suppressed)


def build_trends(
    figures: dict, *, k: int, national: dict[int, dict] | None = None, until=None
) -> Trends:
    """The trends page; `national` (year: national report figures) lets it hide what the
    national reports hide, the same counts being shown in both. A year without any data is
    no year of zeros: it is left out and named. `until` (today) labels the running year."""
    all_years = list(figures.get("years") or [])
    contacts = list(figures.get("contacts_total") or [0] * len(all_years))
    youth = list(figures.get("youth_personal") or [0] * len(all_years))
    keep = [i for i in range(len(all_years)) if contacts[i] or youth[i]]
    years = [all_years[i] for i in keep]
    contacts, youth = [contacts[i] for i in keep], [youth[i] for i in keep]
    ages = [(figures.get("average_age") or [None] * len(all_years))[i] for i in keep]
    known = [(figures.get("average_age_known") or [0] * len(all_years))[i] for i in keep]
    themes_all = figures.get("themes") or {}
    labels = Labels()
    result = Trends(years=years, k=k)
    result.without_data = [year for year in all_years if year not in years]
    running = until is not None and bool(years) and years[-1] == until.year
    result.until = until if running else None
    result.labels = [
        period_label(year, result.until if year == until_year(result) else None, short=True)
        for year in years
    ]
    age_cells = [value_cell(age, base=n, k=k) for age, n in zip(ages, known, strict=False)]
    result.overview = [
        TrendRow(_("Conversations"), [count_cell(n, k=k) for n in contacts], "contacts_total"),
        TrendRow(_("Young people in counselling"), [count_cell(n, k=k) for n in youth], "youth"),
        TrendRow(_("Average age at the first conversation of the year"), age_cells, "age"),
    ]
    themes = {code: [values[i] for i in keep] for code, values in themes_all.items()}
    order = {code: i for i, code in enumerate(labels.term_order("youth_theme"))}
    for code in sorted(
        themes, key=lambda c: (-(themes[c][-1] or 0) if themes[c] else 0, order.get(c, 999))
    ):
        cells = [
            share_cell(value, denominator=total, k=k)
            for value, total in zip(themes[code], contacts, strict=False)
        ]
        result.themes.append(TrendRow(labels.term("youth_theme", code), cells, code))

    # The same disclosure control as the reports, year by year (frirum.reports.disclosure).
    decisions = {}
    for year, national_figures in (national or {}).items():
        from frirum.reports.render import national_decisions

        decisions[year] = national_decisions(national_figures, k=k)
    protect_trends(result, decisions)
    age_cells = result.overview[2].cells
    x_labels = result.labels
    if years:
        result.age_chart = charts.line_chart(
            chart_id="chart-trend-age",
            title=_("Average age over the years"),
            desc=_("The young people's average age at their first conversation of each year."),
            x_labels=x_labels,
            series=[(_("Average age"), [_shown(cell) for cell in age_cells])],
            value_text=lambda v: number_format(round(v, 1), 1),
            min_zero=False,
        )
        top = result.themes[:TOP_THEMES_IN_CHART]
        result.themes_chart = charts.line_chart(
            chart_id="chart-trend-themes",
            title=_("Contact reasons over the years"),
            desc=_("Share of the conversations naming each of the most frequent themes."),
            x_labels=x_labels,
            series=[(row.label, [_shown(cell) for cell in row.cells]) for row in top],
            value_text=format_percent,
        )
    return result


def until_year(trends: Trends) -> int | None:
    return trends.until.year if trends.until else None


def _shown(cell):
    """A chart's point at the value as shown (rounded), never a hidden one."""
    shown = cell.shown
    return None if shown is None else float(shown)
