"""What the public pages show: the network's open sites, their state now and their weeks.

Everything comes from frirum.sites.schedule, the same source as the chat's state and the
rosters. Each page reads its sites in one query and all their calendars in two.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from frirum.sites.models import ClosedDay, Municipality, OpeningHours, Site, SiteKind, Weekday
from frirum.sites.schedule import (
    DaySchedule,
    Opening,
    calendars,
    current_opening,
    local_date,
    next_opening,
    week_start,
)

# How far ahead a site's state looks for the next opening (past a long Christmas).
LOOKAHEAD_DAYS = 22
KIND_ORDER = {SiteKind.CENTRE: 0, SiteKind.SATELLITE: 1, SiteKind.FAMILY: 2, SiteKind.CHAT: 3}


@dataclass(frozen=True)
class SiteState:
    site: Site
    open_now: Opening | None
    next_open: Opening | None

    @property
    def walk_in_now(self) -> bool:
        return self.open_now is not None and self.site.drop_in and self.site.kind != SiteKind.CHAT


def public_sites(today: dt.date):
    """Sites open to the public today: opened (or no date) and not closed down."""
    return (
        Site.objects.select_related("municipality__region", "hub")
        .filter(Q(opened_on__isnull=True) | Q(opened_on__lte=today))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=today))
    )


def states(sites: list[Site], now: dt.datetime) -> list[SiteState]:
    today = local_date(now)
    days = calendars(sites, today, today + dt.timedelta(days=LOOKAHEAD_DAYS))
    return [
        SiteState(
            site,
            current_opening(site, now, days[site.pk]),
            next_opening(site, now, days[site.pk]),
        )
        for site in sites
    ]


def _sort_key(site: Site):
    return (KIND_ORDER.get(site.kind, 9), site.name)


def by_region(site_states: list[SiteState]) -> list[tuple[str, list[SiteState]]]:
    """Sites with a municipality grouped by region (regions in code order); the chat apart."""
    groups: dict[tuple[str, str], list[SiteState]] = {}
    for state in site_states:
        if state.site.municipality_id is None:
            continue
        region = state.site.municipality.region
        groups.setdefault((region.code, region.name), []).append(state)
    return [
        (name, sorted(items, key=lambda s: _sort_key(s.site)))
        for (_code, name), items in sorted(groups.items())
    ]


def chats(site_states: list[SiteState]) -> list[SiteState]:
    return [state for state in site_states if state.site.kind == SiteKind.CHAT]


def nearest(site_states: list[SiteState], municipality: Municipality) -> list[SiteState]:
    """The young person's municipality's own sites, then the hubs of its satellites, then
    (if the municipality has no site) the region's centres and satellites; the chat last."""
    own = [s for s in site_states if s.site.municipality_id == municipality.pk]
    own.sort(key=lambda s: _sort_key(s.site))
    chosen = {s.site.pk for s in own}
    hub_ids = [s.site.hub_id for s in own if s.site.hub_id]
    hubs = [s for s in site_states if s.site.pk in hub_ids and s.site.pk not in chosen]
    chosen |= {s.site.pk for s in hubs}
    region = []
    if not own:
        region = [
            s
            for s in site_states
            if s.site.municipality_id is not None
            and s.site.municipality.region_id == municipality.region_id
            and s.site.kind in (SiteKind.CENTRE, SiteKind.SATELLITE)
            and s.site.pk not in chosen
        ]
        region.sort(key=lambda s: _sort_key(s.site))
    return own + hubs + region + chats(site_states)


def weeks(site: Site, today: dt.date) -> tuple[list[DaySchedule], list[DaySchedule]]:
    """This week and next (Monday to Sunday), each day with its windows or its closed day."""
    monday = week_start(today)
    days = calendars([site], monday, monday + dt.timedelta(days=14))[site.pk]
    return days[:7], days[7:]


def upcoming_closed_days(site: Site, today: dt.date, days: int = 90) -> list[ClosedDay]:
    return list(
        ClosedDay.objects.filter(
            site=site, date__gte=today, date__lt=today + dt.timedelta(days=days)
        )
    )


@dataclass(frozen=True)
class ClosedPeriod:
    """Consecutive closed days with the same reason, shown as one line (Christmas)."""

    first: dt.date
    last: dt.date
    reason: str
    opens: dt.time | None = None
    closes: dt.time | None = None


def closed_periods(closed_days: list[ClosedDay]) -> list[ClosedPeriod]:
    periods: list[ClosedPeriod] = []
    for closed in closed_days:
        previous = periods[-1] if periods else None
        if (
            previous is not None
            and not closed.is_partial
            and previous.opens is None
            and previous.reason == closed.reason
            and previous.last + dt.timedelta(days=1) == closed.date
        ):
            periods[-1] = ClosedPeriod(previous.first, closed.date, closed.reason)
        else:
            periods.append(
                ClosedPeriod(closed.date, closed.date, closed.reason, closed.opens, closed.closes)
            )
    return periods


def municipalities():
    return Municipality.objects.order_by("name")


def family_sites_near(site_states: list[SiteState], site: Site) -> list[SiteState]:
    """Family sites for relatives: the site's region's first, else all of them."""
    family = [s for s in site_states if s.site.kind == SiteKind.FAMILY and s.site.pk != site.pk]
    if site.municipality_id is None:
        return family
    same_region = [
        s for s in family if s.site.municipality.region_id == site.municipality.region_id
    ]
    return same_region or family


@dataclass(frozen=True)
class WeekdayHours:
    weekday: int
    label: str
    times: list[tuple[dt.time, dt.time]]


def regular_week(site: Site, today: dt.date) -> list[WeekdayHours]:
    """The usual weekly hours valid today, Monday to Sunday: what a poster that hangs for
    months can promise (closed days and next season's hours are on the public page)."""
    rows = (
        OpeningHours.objects.filter(site=site)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("weekday", "opens")
    )
    times: dict[int, list[tuple[dt.time, dt.time]]] = {day: [] for day in Weekday.values}
    for row in rows:
        times[row.weekday].append((row.opens, row.closes))
    return [WeekdayHours(day, str(Weekday(day).label), times[day]) for day in Weekday.values]
