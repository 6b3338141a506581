"""Reads of the directory: the counsellor's search while bridging, an owner's entries and the
staleness rule."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from frirum.directory.models import (
    STALE_AFTER,
    ScheduleException,
    Service,
    ServiceStatus,
)
from frirum.lib.access import record_site_ids
from frirum.sites.models import Municipality, Site
from frirum.taxonomies.models import Term

# Searched among at most this many candidates; a municipality's directory is far smaller.
MAX_CANDIDATES = 500
SHOWN_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


def may_search(user) -> bool:
    """Staff only: the secretariat or a member of a site. A municipality viewer is not staff."""
    ids = record_site_ids(user)
    return ids is None or bool(ids)


@dataclass
class SearchQuery:
    theme: Term | None = None
    municipality: Municipality | None = None
    age: int | None = None
    anonymous: bool = False


@dataclass
class Hit:
    service: Service
    theme_match: bool
    local: bool
    open_now: bool
    stale: bool
    today_hours: list[tuple[dt.time, dt.time]] = field(default_factory=list)
    closed_today: bool = False

    @property
    def rank_key(self) -> tuple:
        temporarily_closed = self.service.status == ServiceStatus.TEMPORARILY_CLOSED
        return (
            temporarily_closed,
            not self.theme_match,
            not self.local,
            not self.open_now,
            self.stale,
            self.service.name.lower(),
        )


def _with_details(services: QuerySet[Service], day: dt.date) -> QuerySet[Service]:
    return services.select_related("organization", "destination", "owner_site").prefetch_related(
        "themes",
        "municipalities",
        "schedules",
        "at_locations__location",
        Prefetch(
            "exceptions",
            queryset=ScheduleException.objects.filter(date=day),
            to_attr="exceptions_today",
        ),
    )


def hours_on(service: Service, day: dt.date) -> tuple[list[tuple[dt.time, dt.time]], bool]:
    """The service's opening windows on a day, and whether an exception closes it.
    Expects exceptions_today prefetched for that day (_with_details)."""
    exceptions = getattr(service, "exceptions_today", None)
    if exceptions is None:
        exceptions = list(service.exceptions.filter(date=day))
    if exceptions:
        exception = exceptions[0]
        if exception.is_closed:
            return [], True
        return [(exception.opens_at, exception.closes_at)], False
    windows = [
        (s.opens_at, s.closes_at)
        for s in service.schedules.all()
        if s.weekday == day.weekday()
        and (s.valid_from is None or s.valid_from <= day)
        and (s.valid_to is None or day <= s.valid_to)
    ]
    return windows, False


def search_services(
    query: SearchQuery, *, now: dt.datetime | None = None, limit: int = 20
) -> list[Hit]:
    """Services that fit the young person, best first: the need (theme), then local before
    national, then open now, then verified within a year. Age, municipality and "anonymous
    possible" are conditions; inactive and defunct services are never offered."""
    now = timezone.localtime(now) if now is not None else timezone.localtime()
    day = now.date()
    services = Service.objects.filter(status__in=SHOWN_STATUSES)
    if query.anonymous:
        services = services.filter(anonymous_possible=True)
    if query.age is not None:
        services = services.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=query.age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=query.age),
        )
    if query.municipality is not None:
        # No municipality chosen on an entry means it serves the whole country.
        services = services.filter(
            Q(municipalities=query.municipality) | Q(municipalities__isnull=True)
        ).distinct()
    services = _with_details(services.order_by("id"), day)[:MAX_CANDIDATES]
    hits = []
    for service in services:
        windows, closed = hours_on(service, day)
        served = [m.pk for m in service.municipalities.all()]
        hits.append(
            Hit(
                service=service,
                theme_match=query.theme is not None
                and any(t.pk == query.theme.pk for t in service.themes.all()),
                local=query.municipality is not None and query.municipality.pk in served,
                open_now=service.status == ServiceStatus.ACTIVE
                and any(opens <= now.time() < closes for opens, closes in windows),
                stale=service.is_stale(day),
                today_hours=windows,
                closed_today=closed,
            )
        )
    hits.sort(key=lambda hit: hit.rank_key)
    return hits[:limit]


def services_by_ids(ids) -> QuerySet[Service]:
    return _with_details(Service.objects.filter(pk__in=ids), timezone.localdate())


def owned_services(site: Site | None) -> QuerySet[Service]:
    """A site's own entries, or (site None) the national ones the secretariat keeps."""
    services = Service.objects.select_related("organization", "destination", "editor")
    services = services.filter(owner_site=site) if site else services.filter(owner_site=None)
    return services.order_by("verified_on", "name")


def stale_count(site: Site | None, *, today: dt.date) -> int:
    return owned_services(site).stale(today=today).count()


def stale_limit(today: dt.date) -> dt.date:
    return today - STALE_AFTER
