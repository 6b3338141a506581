"""The national trends page: contact reasons (themes) and average age over the years."""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from frirum.reports import charts
from frirum.reports.disclosure.protect import protect_trends
from frirum.reports.render.labels import Labels
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


def build_trends(figures: dict, *, k: int, national: dict[int, dict] | None = None) -> Trends:
    """The trends page; `national` (year: national report figures) lets it hide what the
    national reports hide, the same counts being shown in both."""
    years = list(figures.get("years") or [])
    contacts = list(figures.get("contacts_total") or [0] * len(years))
    youth = list(figures.get("youth_personal") or [0] * len(years))
    ages = list(figures.get("average_age") or [None] * len(years))
    known = list(figures.get("average_age_known") or [0] * len(years))
    labels = Labels()
    result = Trends(years=years, k=k)
    age_cells = [value_cell(age, base=n, k=k) for age, n in zip(ages, known, strict=False)]
    result.overview = [
        TrendRow(_("Conversations"), [count_cell(n, k=k) for n in contacts], "contacts_total"),
        TrendRow(_("Young people in counselling"), [count_cell(n, k=k) for n in youth], "youth"),
        TrendRow(_("Average age at the first conversation of the year"), age_cells, "age"),
    ]
    themes = figures.get("themes") or {}
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
    x_labels = [str(year) for year in years]
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


def _shown(cell):
    """A chart's point at the value as shown (rounded), never a hidden one."""
    shown = cell.shown
    return None if shown is None else float(shown)
