"""The coverage table as presented: every cell through frirum.reports.suppression, built once
and read by the web page, the spreadsheet and the CSV, so suppression cannot differ."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from frirum.planning.disclosure import protect_coverage
from frirum.reports.suppression import COUNT, MEAN, SHARE, Cell
from frirum.sites.models import SiteKind

UNKNOWN = "unknown"
SITE_LABELS = {
    "hub": _("Hub"),
    SiteKind.CENTRE.value: _("Centre"),
    SiteKind.SATELLITE.value: _("Satellite"),
    "none": _("None"),
}


@dataclass
class CoverageRow:
    code: str
    name: str
    region: str
    site: str
    population_total: Cell
    population_12_25: Cell
    population_year: int | None
    reached: Cell
    per_1000: Cell

    @property
    def site_label(self) -> str:
        return str(SITE_LABELS[self.site])


@dataclass
class CoverageTable:
    year: int
    k: int
    rows: list[CoverageRow]
    reached_total: Cell
    reached_unknown: Cell
    share_with_site: Cell
    national: dict
    figures: dict

    @property
    def without_site(self) -> list[CoverageRow]:
        """Municipalities without a site, most young people already reached first.

        Ordered by the shown figure only: hidden counts go last, in name order, so the
        order reveals nothing the cells hide."""
        rows = [row for row in self.rows if row.site == "none"]
        return sorted(
            rows,
            key=lambda row: (
                row.reached.is_suppressed,
                -(row.reached.shown or 0),
                row.name,
            ),
        )

    @property
    def suppressed_any(self) -> bool:
        cells = [self.reached_total, self.reached_unknown]
        cells += [cell for row in self.rows for cell in (row.reached, row.per_1000)]
        return any(cell.is_suppressed for cell in cells)


def _plain(value, kind=COUNT, k=5) -> Cell:
    """A figure that counts no young people (a population): never hidden."""
    return Cell(value, kind, None, "", k)


def build_coverage(figures: dict, *, k: int) -> CoverageTable:
    municipalities = figures["municipalities"]
    national = figures["national"]
    rows = []
    for row in municipalities:
        # Exact cells here; protect_coverage decides what is hidden (below).
        reached = Cell(row["reached"], COUNT, row["reached"], "", k)
        rate = row["reached_per_1000"]
        per_1000 = Cell(rate, MEAN, row["reached"], "", k)
        rows.append(
            CoverageRow(
                code=row["code"],
                name=row["name"],
                region=row["region"],
                site=row["site"],
                population_total=_plain(row["population_total"], k=k),
                population_12_25=_plain(row["population_12_25"], k=k),
                population_year=row["population_year"],
                reached=reached,
                per_1000=per_1000 if rate is not None else _plain(None, MEAN, k),
            )
        )
    rows.sort(key=lambda row: row.name)
    unknown = national["reached_unknown_residence"]
    table = CoverageTable(
        year=figures["year"],
        k=k,
        rows=rows,
        reached_total=_plain(national["reached"], k=k),
        reached_unknown=Cell(unknown, COUNT, unknown, "", k),
        share_with_site=_plain(national["share_12_25_with_site"], SHARE, k)
        if national["population_12_25"]
        else _plain(None, SHARE, k),
        national=national,
        figures=figures,
    )
    # The rows add up to the shown total and each rate times the shown population gives its
    # count back: the reports' disclosure control decides, until no hidden count can be
    # narrowed down (frirum.planning.disclosure).
    protect_coverage(table)
    return table
