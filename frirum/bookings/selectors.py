"""The staff's reads of a site's bookings."""

import datetime as dt

from django.utils import timezone

from frirum.bookings.models import Booking
from frirum.sites.models import Site
from frirum.sites.schedule import ZONE, local_datetime


def _between(site: Site, first: dt.date, days: int):
    start = local_datetime(first, dt.time(0))
    end = local_datetime(first + dt.timedelta(days=days), dt.time(0))
    return Booking.objects.filter(site=site, starts_at__gte=start, starts_at__lt=end)


def week_bookings(site: Site, today: dt.date) -> list[Booking]:
    """Today's and the coming week's bookings that stand."""
    return list(_between(site, today, 8).filter(cancelled_at__isnull=True))


def day_bookings(site: Site, day: dt.date) -> list[Booking]:
    """The day's bookings, cancelled ones too, by time, with their conversations."""
    return list(
        _between(site, day, 1)
        .select_related("contact", "site")
        .order_by("starts_at", "cancelled_at", "seat")
    )


def registration_initial(booking: Booking) -> dict:
    """What the conversation registration form takes from a booking: its site, date and
    local time, and the nickname and age the young person gave (as a new young person;
    the counsellor searches instead when they know them already)."""
    start = timezone.localtime(booking.starts_at, ZONE)
    initial = {
        "site": booking.site_id,
        "date": start.date(),
        "time": start.time().replace(second=0, microsecond=0),
    }
    if booking.nickname:
        initial.update(youth_mode="new", new_nickname=booking.nickname)
    if booking.age is not None:
        initial["age"] = booking.age
    return initial
