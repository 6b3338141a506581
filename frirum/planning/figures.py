"""Planning figures, each defined once here (text in frirum.planning.definitions).

Exact values: counts are ints, rates unrounded floats; nothing is suppressed here. Every
presented form (the coverage page, its spreadsheet and CSV, the scenario page, the memo as PDF
and Word) shows them through frirum.reports.suppression's cells.

What the register holds about where a young person lives: one residence municipality on the
young person (Youth.residence_municipality), as registered, without a history. "Residence at
first contact" is therefore that registered value.
"""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from frirum.contacts.models import Contact
from frirum.planning.population import illustrative_note
from frirum.reports.figures.common import meta, share, year_bounds
from frirum.sites.models import Municipality, Site, SiteKind

NONE = "none"
HUB = "hub"
# Site kinds that cover a municipality (the chat covers nobody in particular; Family is
# an offer to relatives, not the youth counselling the coverage is about).
COVERING_KINDS = (SiteKind.CENTRE, SiteKind.SATELLITE)


def open_sites(on: dt.date | None = None):
    """Centres and satellites open on the day (default: today)."""
    on = on or timezone.localdate()
    return (
        Site.objects.filter(kind__in=COVERING_KINDS)
        .filter(Q(opened_on__isnull=True) | Q(opened_on__lte=on))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=on))
        .select_related("municipality", "hub")
    )


def site_status(sites: list[Site]) -> dict[int, str]:
    """Per municipality id: `hub` (a centre carrying satellites), `centre`, `satellite`."""
    hubs = {site.hub_id for site in sites if site.hub_id}
    status: dict[int, str] = {}
    rank = {HUB: 3, SiteKind.CENTRE: 2, SiteKind.SATELLITE: 1}
    for site in sites:
        kind = HUB if site.id in hubs else str(site.kind)
        current = status.get(site.municipality_id)
        if current is None or rank[kind] > rank[current]:
            status[site.municipality_id] = kind
    return status


def reached_by_residence(period: tuple[dt.date, dt.date]) -> dict[int | None, int]:
    """Distinct young people with a contact in the period at any site (the chat included),
    per registered residence municipality id (None: not registered)."""
    rows = (
        Contact.objects.filter(date__range=period)
        .order_by()
        .values("youth__residence_municipality_id")
        .annotate(n=Count("youth_id", distinct=True))
    )
    return {row["youth__residence_municipality_id"]: row["n"] for row in rows}


def per_1000(count: int | None, population: int | None) -> float | None:
    if count is None or not population:
        return None
    return count / population * 1000


def coverage(*, year: int, until: dt.date | None = None, on: dt.date | None = None) -> dict:
    """All 98 municipalities: their site, population and the young people reached from there.

    `on` is the day the network is read (default: today); the reach is the calendar `year`.
    """
    period = year_bounds(year, until)
    sites = list(open_sites(on))
    status = site_status(sites)
    codes: dict[int, list[str]] = {}
    for site in sites:
        codes.setdefault(site.municipality_id, []).append(site.code)
    reached = reached_by_residence(period)
    rows = []
    for municipality in Municipality.objects.select_related("region").order_by("code"):
        count = reached.get(municipality.id, 0)
        rows.append(
            {
                "code": municipality.code,
                "name": municipality.name,
                "region": municipality.region.name,
                "site": status.get(municipality.id, NONE),
                "sites": sorted(codes.get(municipality.id, [])),
                "population_total": municipality.population_total,
                "population_12_25": municipality.population_12_25,
                "population_year": municipality.population_year,
                "reached": count,
                "reached_per_1000": per_1000(count, municipality.population_12_25),
            }
        )
    known = [row for row in rows if row["population_12_25"] is not None]
    youth = sum(row["population_12_25"] for row in known)
    covered = sum(row["population_12_25"] for row in known if row["site"] != NONE)
    return {
        "report": "coverage",
        "year": year,
        **({"until": until.isoformat()} if until else {}),
        "network_on": (on or timezone.localdate()).isoformat(),
        # Set while the population figures are the demo's illustrative ones.
        "population_illustrative": illustrative_note(),
        "municipalities": rows,
        "national": {
            "municipalities": len(rows),
            "with_site": sum(1 for row in rows if row["site"] != NONE),
            "with_population": len(known),
            "population_12_25": youth,
            "population_12_25_with_site": covered,
            "share_12_25_with_site": share(covered, youth),
            "reached": sum(reached.values()),
            "reached_unknown_residence": reached.get(None, 0),
        },
        "meta": meta(),
    }


def site_year_activity(site_ids: list[int], years: list[int]) -> dict[tuple[int, int], dict]:
    """Per (site id, year): distinct young people and conversations at the site.

    One query per year (each a range on the (site, date) index)."""
    result: dict[tuple[int, int], dict] = {}
    for year in years:
        rows = (
            Contact.objects.filter(site_id__in=site_ids, date__range=year_bounds(year))
            .order_by()
            .values("site_id")
            .annotate(youth=Count("youth_id", distinct=True), contacts=Count("id"))
        )
        for row in rows:
            result[(row["site_id"], year)] = {
                "youth": row["youth"],
                "contacts": row["contacts"],
            }
    return result
