"""Figures of the directory's use: bridgings by directory service and by destination
category for a site (or the network) and year, the services used most, and the
municipalities with no entry for a category.

Counts of conversations are suppressed like every presented figure (frirum.reports.
suppression): a count from 1 to k-1 shows as "<k". The rows are not additive (a bridging may
go to several services), but they are not free either: every linked conversation is in at
least one category (so the categories add up to at least the linked total), no category
exceeds the total, and a service (whose category is public) never exceeds its category. The
page's cells go through the reports' disclosure control (frirum.reports.disclosure) with
those relations, which hides a second cell where a hidden one could be narrowed down.
The gaps table counts services, not people, and is shown whole.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import get_language

from frirum.directory.models import Service, ServiceBridging, ServiceStatus
from frirum.reports.disclosure.ledger import PRIMARY, SECONDARY, SHOWN, UNSEEN, Ledger
from frirum.reports.disclosure.solve import bounds
from frirum.reports.suppression import Cell
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


def _decide(ledger: Ledger) -> None:
    """The reports' rule (frirum.reports.disclosure.protect.decide) without its
    one-hidden-cell step, which would take the never-shown sums for a table's shown total:
    a count below k is hidden, then, while the reader can narrow a hidden count down, the
    smallest shown count related to it is hidden too; as a last resort every count."""
    k = ledger.k
    for unknown in ledger.unknowns.values():
        if unknown.state == SHOWN and unknown.integer and 0 < (unknown.value or 0) < k:
            unknown.state, unknown.reason = PRIMARY, "primary"
    for _round in range(len(ledger.unknowns) + 1):
        failing = bounds(ledger, failures_only=True)
        if not failing:
            return
        related = set()
        for bound in failing:
            for total, parts in ledger.sums:
                if bound.key in (total, *parts):
                    related.update((total, *parts))
            for larger, smaller in ledger.at_least:
                if bound.key in (larger, smaller):
                    related.update((larger, smaller))
        related |= {
            key
            for total, parts in ledger.sums
            if related & {total, *parts}
            for key in (total, *parts)
        }
        shown = [
            key
            for key in related
            if ledger.unknowns[key].state == SHOWN
            and ledger.unknowns[key].integer
            and ledger.unknowns[key].value
        ]
        if not shown:
            break
        chosen = ledger.unknowns[min(shown, key=lambda key: (ledger.unknowns[key].value, key))]
        chosen.state, chosen.reason = SECONDARY, "protects a hidden count"
    for unknown in ledger.unknowns.values():
        if unknown.state == SHOWN and unknown.integer and unknown.value:
            unknown.state, unknown.reason = SECONDARY, "last resort"


def _at_least_sum(ledger: Ledger, key, parts: list, *, name: str) -> None:
    """The parts add up to at least the figure at `key` (a conversation may be in several
    parts): parts = figure + overlap, the overlap unseen and at least 0."""
    if not parts:
        return
    value = sum(ledger.unknowns[part].value for part in parts)
    whole = ledger.unknown(("directory", 0, f"sum of {name}"), value)
    overlap = ledger.unknown(
        ("directory", 0, f"overlap of {name}"), value - ledger.unknowns[key].value
    )
    # Never shown, at least 0, and not integer so that the control does not try to keep
    # them wide (they are sums of other cells, which are protected themselves).
    for helper in (whole, overlap):
        helper.floor, helper.integer = 0, False
    ledger.sums.append((whole.key, parts))
    ledger.sums.append((whole.key, [key, overlap.key]))


def _protect(
    *, linked: int, categories: dict[str, int], services: dict[str, tuple[int, str]], k: int
) -> tuple[Cell, dict[str, Cell], dict[str, Cell]]:
    """The cells as the disclosure control decides them. `services` maps a row's label to
    its count and its category's label (the directory is public, so a reader knows it)."""
    ledger = Ledger(k=k)
    total = ("directory", 0, "linked")
    ledger.present(total, linked)
    category_keys = {label: ("directory", 0, f"category:{label}") for label in categories}
    for label, value in categories.items():
        ledger.present(category_keys[label], value)
        ledger.at_least.append((total, category_keys[label]))
    service_keys = {label: ("directory", 0, f"service:{label}") for label in services}
    for label, (value, category) in services.items():
        ledger.present(service_keys[label], value)
        ledger.at_least.append((category_keys.get(category, total), service_keys[label]))
    if len(services) < TOP_SERVICES:
        # Every service used is listed: a category's conversations are all among its
        # services' rows, so the rows of a category add up to at least the category.
        for label, key in category_keys.items():
            members = [service_keys[s] for s, (_n, c) in services.items() if c == label]
            _at_least_sum(ledger, key, members, name=f"category:{label}")
    _at_least_sum(ledger, total, list(category_keys.values()), name="linked")
    _decide(ledger)

    def cell(key) -> Cell:
        unknown = ledger.unknowns[key]
        state = "" if unknown.state in (SHOWN, UNSEEN) else unknown.state
        return Cell(unknown.value, count=unknown.value, suppressed=state, k=k)

    return (
        cell(total),
        {label: cell(key) for label, key in category_keys.items()},
        {label: cell(key) for label, key in service_keys.items()},
    )


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
        bridgings.values(
            "service__name",
            "service__organization__name",
            "service__destination__label_da",
            "service__destination__label_en",
        )
        .annotate(n=Count("contact", distinct=True))
        .order_by("-n", "service__name")[:TOP_SERVICES]
    )
    english = (get_language() or "da").startswith("en")
    label_field = "service__destination__label_en" if english else "service__destination__label_da"
    service_counts = {
        f"{row['service__name']} ({row['service__organization__name']})": (
            row["n"],
            row[label_field],
        )
        for row in by_service
    }
    by_category = (
        bridgings.values("service__destination__label_da", "service__destination__label_en")
        .annotate(n=Count("contact", distinct=True))
        .order_by("service__destination__label_da")
    )
    category_counts = {row[label_field]: row["n"] for row in by_category}
    linked, categories, services = _protect(
        linked=bridgings.values("contact").distinct().count(),
        categories=category_counts,
        services=service_counts,
        k=k,
    )
    if sites is None:
        municipalities = Municipality.objects.filter(sites__isnull=False).distinct()
    else:
        municipalities = Municipality.objects.filter(Q(sites__in=sites)).distinct()
    return DirectoryFigures(
        year=year,
        by_service=[Row(label, cell) for label, cell in services.items()],
        by_category=[Row(label, cell) for label, cell in categories.items()],
        linked=linked,
        gaps=gaps(list(municipalities.order_by("name"))),
    )
