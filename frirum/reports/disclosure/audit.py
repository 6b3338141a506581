"""The disclosure audit: everything one reader can see for one year, and for every hidden count
the smallest and largest value consistent with all of it.

A reader is a role at a scope:
- a municipality viewer reads the annual reports of every centre, satellite and chat site in
  the municipality and the Family reports of its Family sites: for the year, the year before
  (the previous-year column) and the year after (whose previous-year column is this year);
- the national reader (the secretariat's presented forms, or a national report published)
  reads the national report, the national Family report and the trends page.
A site's chief and the secretariat may read the exact figures anyway (JSON), so a presented
form tells them nothing new.

The audit fails when a hidden count can be narrowed to fewer than k-1 possible values (the
doubt "<k" itself leaves: 1 to k-1), or when one count is shown in one place and hidden in
another. Means of ratings rest on sums no table shows; they are hidden with their counts and
not audited themselves.
"""

from dataclasses import dataclass, field

from django.utils import translation

from frirum.reports.disclosure.ledger import PRIMARY, SECONDARY, SHOWN, UNSEEN, Ledger
from frirum.reports.disclosure.protect import observed_ledger, trends_ledger
from frirum.reports.disclosure.solve import Bound, bounds
from frirum.reports.suppression import DASH


@dataclass
class Audit:
    reader: str
    year: int
    k: int
    views: list[str] = field(default_factory=list)
    bounds: list[Bound] = field(default_factory=list)
    conflicts: list[tuple] = field(default_factory=list)  # (key, shown value)

    @property
    def failures(self) -> list[Bound]:
        return [bound for bound in self.bounds if not bound.ok]

    @property
    def passed(self) -> bool:
        # A count hidden in one view and shown in another is a constant of the problem, so
        # whatever it gives away shows in the other counts' ranges; listed, not failed.
        return not self.failures

    def table(self) -> str:
        """A plain text table for the command line."""
        lines = [
            f"Disclosure audit: {self.reader}, {self.year}, k={self.k}",
            "Views: " + ("; ".join(self.views) or "none"),
            f"{'scope':<24} {'year':>4} {'figure':<44} {'mark':<9} {'value':>7} "
            f"{'min':>7} {'max':>7}  result",
        ]
        for bound in self.bounds:
            scope, year, name = bound.key
            high = "inf" if bound.high == float("inf") else f"{bound.high:.0f}"
            value = "" if bound.value is None else f"{bound.value:.0f}"
            mark = "<k" if bound.state == PRIMARY else DASH
            lines.append(
                f"{scope:<24} {year:>4} {name:<44} {mark:<9} {value:>7} "
                f"{bound.low:>7.0f} {high:>7}  {'ok' if bound.ok else 'DISCLOSED'}"
            )
        for (scope, year, name), value in self.conflicts:
            lines.append(
                f"{scope:<24} {year:>4} {name:<44} {'shown':<9} {value:>7} "
                f"{'':>7} {'':>7}  hidden elsewhere (note)"
            )
        verdict = "passed" if self.passed else "FAILED"
        lines.append(
            f"{len(self.bounds)} hidden counts, {len(self.failures)} disclosed: {verdict} "
            f"(each needs max - min >= {max(self.k - 2, 0)}, or to be 0)."
        )
        return "\n".join(lines) + "\n"


def merge(ledgers: list[Ledger], k: int) -> tuple[Ledger, list[tuple]]:
    """One ledger of several views, and the counts hidden in one and shown in another."""
    merged = Ledger(k=k)
    states: dict = {}
    for ledger in ledgers:
        for key, unknown in ledger.unknowns.items():
            states.setdefault(key, set()).add(unknown.state)
        merged.merge(ledger)
    conflicts = [
        (key, merged.unknowns[key].value)
        for key, seen in sorted(states.items())
        if SHOWN in seen and (PRIMARY in seen or SECONDARY in seen)
    ]
    return merged, conflicts


def audit_ledgers(ledgers: list[Ledger], *, k: int, reader: str, year: int, views) -> Audit:
    merged, conflicts = merge(ledgers, k)
    result = Audit(reader=reader, year=year, k=k, views=list(views), conflicts=conflicts)
    result.bounds = bounds(merged)
    return result


def presentation_ledgers(report) -> list[Ledger]:
    """Both columns of a presented report, as a reader sees them."""
    ledgers = [observed_ledger(report, "current", report.year)]
    if report.previous_year is not None:
        ledgers.append(observed_ledger(report, "previous", report.previous_year))
    return ledgers


def trends_ledgers(trends) -> list[Ledger]:
    return [trends_ledger(trends, i, observed=True) for i in range(len(trends.years))]


def _unused(ledger: Ledger) -> bool:
    return all(unknown.state == UNSEEN for unknown in ledger.unknowns.values())


def audit_reader(*, reader: str, year: int, k: int, municipality=None) -> Audit:
    """Computes and presents every view of the reader (database figures) and audits them."""
    from frirum.reports import figures
    from frirum.reports.render import build_presentation
    from frirum.reports.render.trends import build_trends
    from frirum.sites.models import Site, SiteKind

    reports = []  # (kind, site)
    if reader == "national":
        reports = [("national", None), ("family", None)]
    else:
        sites = Site.objects.filter(municipality=municipality).select_related("municipality")
        for site in sites.order_by("code"):
            if site.kind in figures.ANNUAL_SITE_KINDS:
                reports.append(("annual", site))
            elif site.kind == SiteKind.FAMILY:
                reports.append(("family", site))
    ledgers, views = [], []
    cache: dict = {}

    def compute(kind, site, y):
        if (kind, site, y) not in cache:
            cache[kind, site, y] = figures.compute(kind, year=y, site=site)
        return cache[kind, site, y]

    with translation.override("en"):
        for kind, site in reports:
            for report_year in (year, year + 1):
                report = build_presentation(
                    kind=kind,
                    figures=compute(kind, site, report_year),
                    previous=compute(kind, site, report_year - 1),
                    k=k,
                    site=site,
                )
                ledgers += presentation_ledgers(report)
                views.append(f"{kind} {site.code if site else 'national'} {report_year}")
        if reader == "national":
            national = {y: compute("national", None, y) for y in (year - 1, year, year + 1)}
            trends = build_trends(
                figures.trends(first_year=year - 1, last_year=year + 1), k=k, national=national
            )
            ledgers += trends_ledgers(trends)
            views.append(f"trends {year - 1}-{year + 1}")
    return audit_ledgers(
        [ledger for ledger in ledgers if not _unused(ledger)],
        k=k,
        reader=reader,
        year=year,
        views=views,
    )


def audit_for_report(*, kind: str, year: int, site, k: int) -> Audit:
    """The audit of the readers of one report: its municipality's viewers, or the nation."""
    if site is not None and site.municipality_id:
        return audit_reader(
            reader=f"municipality {site.municipality.code} viewer",
            year=year,
            k=k,
            municipality=site.municipality,
        )
    if site is not None:
        # No municipality: only the secretariat and the chief read it, who read it exactly.
        return Audit(reader=f"{site.code} (no municipality viewers)", year=year, k=k)
    return audit_reader(reader="national", year=year, k=k)
