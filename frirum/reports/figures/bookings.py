"""The bookings figure of an annual report: anonymous bookings (frirum.bookings) for times
in the period, made, met, not met, cancelled. docs/figures.md defines it."""

import datetime as dt

from django.db.models import Count, Q

from frirum.bookings.models import Booking
from frirum.sites.models import Site
from frirum.sites.schedule import local_datetime

KEYS = ("met", "not_met", "cancelled", "unmarked")


def booking_figures(site: Site, period: tuple[dt.date, dt.date]) -> dict | None:
    """`bookings` for a site with booking turned on or with bookings in the period, else None
    (the report then has no bookings figure). One aggregate query.

    A booking belongs to the period of its booked time (local date of `starts_at`): a
    booking keeps no time of booking. `made` counts every booking, cancelled ones too;
    the four parts add up to it: `cancelled` (by the young person or the staff), `met`
    (a conversation registered from it), `not_met` (marked not met), `unmarked` (none of
    these yet, such as a time still to come)."""
    first, last = period
    bookings = Booking.objects.filter(
        site=site,
        starts_at__gte=local_datetime(first, dt.time(0)),
        starts_at__lt=local_datetime(last + dt.timedelta(days=1), dt.time(0)),
    )
    standing = Q(cancelled_at__isnull=True)
    counts = bookings.order_by().aggregate(
        made=Count("id"),
        cancelled=Count("id", filter=~standing),
        met=Count("id", filter=standing & Q(contact__isnull=False)),
        not_met=Count("id", filter=standing & Q(not_met_at__isnull=False)),
    )
    if not site.booking_enabled and not counts["made"]:
        return None
    counts["unmarked"] = counts["made"] - counts["cancelled"] - counts["met"] - counts["not_met"]
    return counts
