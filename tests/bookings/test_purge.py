"""`frirum purge-bookings`: nicknames and ages forgotten after a month, bookings removed
after the reports no longer read them."""

import datetime as dt
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.test import override_settings

from frirum.bookings import codes
from frirum.bookings.models import Booking
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZONE)


def booked(site, days_ago: int, **fields) -> Booking:
    start = NOW - dt.timedelta(days=days_ago, hours=1)
    return Booking.objects.create(
        site=site,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        cancel_hash=codes.cancel_hash(codes.new_code()),
        **fields,
    )


@override_settings(FRIRUM_BOOKING_NICKNAME_DAYS=30, FRIRUM_BOOKING_RETENTION_DAYS=800)
class PurgeTests(BaseTestCase):
    def purge(self) -> str:
        out = StringIO()
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            call_command("purge-bookings", stdout=out)
        return out.getvalue()

    def test_it_forgets_old_nicknames_and_removes_very_old_bookings(self):
        recent = booked(self.site_a, 29, nickname="Sol", age=17)
        month = booked(self.site_a, 31, nickname="Måne", age=18, not_met_at=NOW)
        old = booked(self.site_b, 801, nickname="Stjerne")
        future = booked(self.site_a, -3, nickname="Sky", age=14)
        output = self.purge()
        self.assertIn("Forgot the nickname and age of 1 booking(s)", output)
        self.assertIn("removed 1 booking(s)", output)
        self.assertFalse(Booking.objects.filter(pk=old.pk).exists())
        month.refresh_from_db()
        self.assertEqual((month.nickname, month.age), ("", None))
        self.assertIsNotNone(month.not_met_at)  # the report still counts it
        for kept in (recent, future):
            kept.refresh_from_db()
            self.assertTrue(kept.nickname)

    def test_it_does_nothing_when_there_is_nothing(self):
        self.assertIn("of 0 booking(s)", self.purge())
        booked(self.site_a, 40)
        self.assertIn("of 0 booking(s)", self.purge())
        self.assertEqual(Booking.objects.count(), 1)

    def test_it_purges_many_in_few_queries(self):
        Booking.objects.bulk_create(
            Booking(
                site=self.site_a,
                starts_at=NOW - dt.timedelta(days=900, hours=n),
                ends_at=NOW - dt.timedelta(days=900, hours=n - 1),
                cancel_hash=f"{n:064d}",
                nickname="X",
            )
            for n in range(500)
        )
        with self.assertNumQueries(4):  # savepoints around one DELETE and one UPDATE
            self.purge()
        self.assertFalse(Booking.objects.exists())
