"""Bookable times, cut from the site's opening hours (frirum.sites.schedule)."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from frirum.bookings.models import Booking
from frirum.sites.models import Site
from frirum.sites.schedule import local_date, opening_times

DAYS_AHEAD = 14
# No booking for a time that starts within the hour: drop in instead.
LEAD = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime

    @property
    def key(self) -> str:
        return str(int(self.start.timestamp()))


def bookable_slots(site: Site, now: dt.datetime) -> list[Slot]:
    if not site.booking_enabled:
        return []
    today = local_date(now)
    openings = opening_times(site, today, today + dt.timedelta(days=DAYS_AHEAD + 1))
    taken = Counter(
        Booking.objects.filter(
            site=site, cancelled_at__isnull=True, starts_at__gte=now
        ).values_list("starts_at", flat=True)
    )
    length = dt.timedelta(minutes=site.booking_slot_minutes)
    slots = []
    for opening in openings:
        start = opening.start
        while start + length <= opening.end:
            if start >= now + LEAD and taken[start] < site.booking_capacity:
                slots.append(Slot(start, start + length))
            start += length
    return slots
