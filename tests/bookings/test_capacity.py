"""How many conversations a slot holds: a site's booking_capacity, one place per booking, and
the database refusing a second booking of the same place even when two arrive together."""

import datetime as dt
import threading
import unittest
from unittest import mock

from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import TransactionTestCase

from frirum.bookings import codes
from frirum.bookings.actions import create_booking
from frirum.bookings.models import Booking
from frirum.bookings.slots import bookable_slots
from frirum.sites.actions import update_public_settings
from frirum.sites.models import OpeningHours, Site, SiteKind
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase

MONDAY_MORNING = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZONE)
TUESDAY_14 = dt.datetime(2026, 3, 3, 14, 0, tzinfo=ZONE)
KEY = str(int(TUESDAY_14.timestamp()))


def open_tuesdays(site: Site, capacity: int) -> None:
    OpeningHours.objects.create(site=site, weekday=1, opens=dt.time(14), closes=dt.time(15))
    Site.objects.filter(pk=site.pk).update(
        booking_enabled=True, booking_slot_minutes=60, booking_capacity=capacity
    )
    site.refresh_from_db()


class CapacityTests(BaseTestCase):
    def test_it_holds_one_conversation_per_slot_by_default(self):
        open_tuesdays(self.site_a, 1)
        self.assertEqual(Site._meta.get_field("booking_capacity").default, 1)
        create_booking(site=self.site_a, start_key=KEY, now=MONDAY_MORNING)
        self.assertNotIn(KEY, [s.key for s in bookable_slots(self.site_a, MONDAY_MORNING)])
        with self.assertRaises(ValidationError):
            create_booking(site=self.site_a, start_key=KEY, now=MONDAY_MORNING)

    def test_it_fills_every_place_then_refuses(self):
        open_tuesdays(self.site_a, 3)
        seats = [
            create_booking(site=self.site_a, start_key=KEY, now=MONDAY_MORNING)[0].seat
            for _ in range(3)
        ]
        self.assertEqual(seats, [1, 2, 3])
        self.assertNotIn(KEY, [s.key for s in bookable_slots(self.site_a, MONDAY_MORNING)])
        with self.assertRaises(ValidationError):
            create_booking(site=self.site_a, start_key=KEY, now=MONDAY_MORNING)

    def test_it_gives_a_cancelled_place_to_the_next(self):
        open_tuesdays(self.site_a, 2)
        first, _code = create_booking(site=self.site_a, start_key=KEY, now=MONDAY_MORNING)
        create_booking(site=self.site_a, start_key=KEY, now=MONDAY_MORNING)
        Booking.objects.filter(pk=first.pk).update(cancelled_at=MONDAY_MORNING)
        again, _code = create_booking(site=self.site_a, start_key=KEY, now=MONDAY_MORNING)
        self.assertEqual(again.seat, 1)

    def test_it_takes_the_next_place_when_another_booking_got_there_first(self):
        open_tuesdays(self.site_a, 2)
        real_filter = Booking.objects.filter

        def stale(*args, **kwargs):
            # The places read before someone else's insert: none held yet.
            if "seat" not in str(kwargs) and kwargs.get("starts_at") == TUESDAY_14:
                return real_filter(pk=-1)
            return real_filter(*args, **kwargs)

        Booking.objects.create(
            site=self.site_a,
            starts_at=TUESDAY_14,
            ends_at=TUESDAY_14 + dt.timedelta(hours=1),
            seat=1,
            cancel_hash=codes.cancel_hash(codes.new_code()),
        )
        with mock.patch.object(Booking.objects, "filter", side_effect=stale):
            booking, _code = create_booking(site=self.site_a, start_key=KEY, now=MONDAY_MORNING)
        self.assertEqual(booking.seat, 2)

    def test_it_refuses_a_capacity_out_of_range(self):
        for capacity in (0, 11):
            with self.assertRaises(ValidationError) as caught:
                update_public_settings(
                    site=self.site_a,
                    actor=self.chief_a,
                    drop_in=True,
                    booking_enabled=True,
                    booking_slot_minutes=45,
                    booking_capacity=capacity,
                )
            self.assertIn("booking_capacity", caught.exception.message_dict)
        update_public_settings(
            site=self.site_a,
            actor=self.chief_a,
            drop_in=True,
            booking_enabled=True,
            booking_slot_minutes=45,
            booking_capacity=10,
        )
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.booking_capacity, 10)


@unittest.skipUnless(connection.vendor == "postgresql", "two connections at once")
class ConcurrentBookingTests(TransactionTestCase):
    # Ends by restoring the migrations' rows rather than re-running post_migrate: a later
    # test with serialized_rollback (the chat's, the roster's) inserts those rows itself.
    serialized_rollback = True

    def test_it_lets_only_one_of_two_simultaneous_bookings_take_the_last_place(self):
        site = Site.objects.create(code="race", name="headspace Race", kind=SiteKind.CHAT)
        open_tuesdays(site, 2)
        create_booking(site=site, start_key=KEY, now=MONDAY_MORNING)  # place 1 of 2
        barrier = threading.Barrier(2, timeout=30)
        real_create = Booking.objects.create
        results = []

        def create_after_both_have_read(**kwargs):
            barrier.wait()  # both have seen place 2 free
            return real_create(**kwargs)

        def book():
            try:
                booking, _code = create_booking(site=site, start_key=KEY, now=MONDAY_MORNING)
                results.append(booking.seat)
            except ValidationError:
                results.append("taken")
            finally:
                connections.close_all()

        with mock.patch.object(Booking.objects, "create", create_after_both_have_read):
            threads = [threading.Thread(target=book) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        self.assertEqual(sorted(results, key=str), [2, "taken"])
        self.assertEqual(Booking.objects.filter(site=site, cancelled_at__isnull=True).count(), 2)
