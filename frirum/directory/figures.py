"""Figures of the directory's use: bridgings by directory service and by destination
category for a site (or the network) and year, the services used most, and the
municipalities with no entry for a category.

Counts of conversations are suppressed like every presented figure (frirum.reports.
suppression): a count from 1 to k-1 shows as "<k". The rows are not additive (a bridging may
go to several services), so no total is shown that a hidden cell could be worked out from.
The gaps table counts services, not people, and is shown whole.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import get_language

from frirum.directory.models import Service, ServiceBridging, ServiceStatus
from frirum.reports.suppression import Cell, count_cell, suppress_counts
from frirum.sites.models import Municipality, Site
from frirum.taxonomies.models import Term, Vocabulary

TOP_SERVICES = 10


@dataclass
class Row:
    label: str
    cell: Cell


@dataclass
class DirectoryFigures:
    year: int
    by_service: list[Row]
    by_category: list[Row]
    linked: Cell
    gaps: list[tuple[Municipality, list[Term]]]


def _bridgings(sites, year: int):
    bridgings = ServiceBridging.objects.filter(
        contact__date__gte=dt.date(year, 1, 1), contact__date__lte=dt.date(year, 12, 31)
    )
    return bridgings if sites is None else bridgings.filter(contact__site__in=sites)


def _rows(counts: dict[str, int], *, k: int) -> list[Row]:
    cells = suppress_counts(counts, k=k, additive=False)
    return [Row(label, cells[label]) for label in counts]


def gaps(municipalities) -> list[tuple[Municipality, list[Term]]]:
    """For each municipality, the destination categories no offered service serves there
    (an entry with no municipality serves the whole country)."""
    categories = list(Term.objects.of(Vocabulary.DESTINATION).active().exclude(code="other_offer"))
    offered = Service.objects.filter(
        status__in=[ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED]
    )
    national = set(
        offered.filter(municipalities__isnull=True).values_list("destination_id", flat=True)
    )
    served: dict[int, set[int]] = {}
    rows = offered.filter(municipalities__in=municipalities).values_list(
        "municipalities", "destination_id"
    )
    for municipality_id, destination_id in rows:
        served.setdefault(municipality_id, set()).add(destination_id)
    result = []
    for municipality in municipalities:
        have = national | served.get(municipality.pk, set())
        missing = [term for term in categories if term.pk not in have]
        if missing:
            result.append((municipality, missing))
    return result


def directory_figures(*, sites: list[Site] | None, year: int, k: int) -> DirectoryFigures:
    """sites None: the whole network."""
    bridgings = _bridgings(sites, year)
    by_service = (
        bridgings.values("service__name", "service__organization__name")
        .annotate(n=Count("contact", distinct=True))
        .order_by("-n", "service__name")[:TOP_SERVICES]
    )
    service_counts = {
        f"{row['service__name']} ({row['service__organization__name']})": row["n"]
        for row in by_service
    }
    by_category = (
        bridgings.values("service__destination__label_da", "service__destination__label_en")
        .annotate(n=Count("contact", distinct=True))
        .order_by("service__destination__label_da")
    )
    english = (get_language() or "da").startswith("en")
    category_counts = {
        row["service__destination__label_en" if english else "service__destination__label_da"]: row[
            "n"
        ]
        for row in by_category
    }
    if sites is None:
        municipalities = Municipality.objects.filter(sites__isnull=False).distinct()
    else:
        municipalities = Municipality.objects.filter(Q(sites__in=sites)).distinct()
    return DirectoryFigures(
        year=year,
        by_service=_rows(service_counts, k=k),
        by_category=_rows(category_counts, k=k),
        linked=count_cell(bridgings.values("contact").distinct().count(), k=k),
        gaps=gaps(list(municipalities.order_by("name"))),
    )
