"""When a site is open: the one source for the public pages, the chat's state and rosters.

Weekly rows (OpeningHours, each valid from/to) give the usual week; a ClosedDay on a date
replaces that date's weekly rows, closing the site or leaving only its own hours. Times are
local to Denmark (Europe/Copenhagen) and turned into aware datetimes per date, so a window
keeps its wall-clock hours across the change to and from summer time; a wall-clock time that
does not exist on the spring night is moved forward by the hour that was skipped.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from frirum.sites.models import ClosedDay, OpeningHours, Site

ZONE = ZoneInfo("Europe/Copenhagen")


@dataclass(frozen=True)
class Opening:
    """One window in which the site is open, as aware datetimes."""

    date: dt.date
    start: dt.datetime
    end: dt.datetime
    # The closed day's label when the window is a short day's own hours.
    note: str = ""

    def contains(self, at: dt.datetime) -> bool:
        return self.start <= at < self.end


@dataclass(frozen=True)
class DaySchedule:
    """A date of a site's calendar: its windows (possibly none) and why it is closed."""

    date: dt.date
    openings: tuple[Opening, ...]
    closed_day: ClosedDay | None = None

    @property
    def is_open(self) -> bool:
        return bool(self.openings)


def local_datetime(date: dt.date, time: dt.time) -> dt.datetime:
    """The instant (in UTC) of a wall-clock time in Denmark, valid on DST days too.

    UTC because Python compares and subtracts two datetimes of the same zone by their wall
    clocks: across the change of clocks only UTC gives true order and durations. Templates
    show them in local time. A time in the skipped spring hour names the instant of its
    winter offset, which reads an hour later on the clock.
    """
    return dt.datetime.combine(date, time).replace(tzinfo=ZONE).astimezone(dt.UTC)


def local_date(at: dt.datetime) -> dt.date:
    """The date in Denmark at an instant."""
    return at.astimezone(ZONE).date()


def _dates(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    day = start
    while day < end:
        yield day
        day += dt.timedelta(days=1)


def _weekly_rows(site_ids: list[int], start: dt.date, end: dt.date):
    last = end - dt.timedelta(days=1)
    return OpeningHours.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=last),
        Q(valid_to__isnull=True) | Q(valid_to__gte=start),
        site_id__in=site_ids,
    ).order_by("opens")


def calendars(sites: Iterable[Site], start: dt.date, end: dt.date) -> dict[int, list[DaySchedule]]:
    """Each site's dates from start up to (not including) end, in two queries for all sites."""
    site_ids = [site.pk for site in sites]
    weekly: dict[int, list[OpeningHours]] = defaultdict(list)
    for row in _weekly_rows(site_ids, start, end):
        weekly[row.site_id].append(row)
    exceptions: dict[tuple[int, dt.date], ClosedDay] = {
        (closed.site_id, closed.date): closed
        for closed in ClosedDay.objects.filter(site_id__in=site_ids, date__gte=start, date__lt=end)
    }
    result: dict[int, list[DaySchedule]] = {}
    for site_id in site_ids:
        days = []
        for date in _dates(start, end):
            closed = exceptions.get((site_id, date))
            if closed is not None:
                openings = ()
                if closed.is_partial:
                    openings = (
                        Opening(
                            date,
                            local_datetime(date, closed.opens),
                            local_datetime(date, closed.closes),
                            closed.reason,
                        ),
                    )
            else:
                openings = tuple(
                    Opening(date, local_datetime(date, row.opens), local_datetime(date, row.closes))
                    for row in weekly[site_id]
                    if row.applies_on(date)
                )
            days.append(DaySchedule(date, openings, closed))
        result[site_id] = days
    return result


def calendar(site: Site, start: dt.date, end: dt.date) -> list[DaySchedule]:
    return calendars([site], start, end)[site.pk]


def opening_times(site: Site, start: dt.date, end: dt.date) -> list[Opening]:
    """The site's open windows on the dates from start up to (not including) end."""
    return [opening for day in calendar(site, start, end) for opening in day.openings]


def current_opening(
    site: Site, at: dt.datetime | None = None, days: list[DaySchedule] | None = None
) -> Opening | None:
    """The window the site is open in at `at` (now by default), or None when it is closed."""
    at = at or timezone.now()
    if days is None:
        today = local_date(at)
        days = calendar(site, today, today + dt.timedelta(days=1))
    for day in days:
        for opening in day.openings:
            if opening.contains(at):
                return opening
    return None


def open_now(site: Site, at: dt.datetime | None = None) -> bool:
    return current_opening(site, at) is not None


def next_opening(
    site: Site, at: dt.datetime | None = None, days: list[DaySchedule] | None = None
) -> Opening | None:
    """The next window that starts after `at`, looking two weeks ahead by default."""
    at = at or timezone.now()
    if days is None:
        today = local_date(at)
        days = calendar(site, today, today + dt.timedelta(days=15))
    for day in days:
        for opening in day.openings:
            if opening.start > at:
                return opening
    return None


def week_start(date: dt.date) -> dt.date:
    return date - dt.timedelta(days=date.weekday())
