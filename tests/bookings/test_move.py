"""Seeing and moving a booking with the code alone: same code, the old place freed, the last
place never given twice, guesses throttled like every code lookup."""

import datetime as dt
import re
import threading
import unittest
from unittest import mock

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import TransactionTestCase, override_settings
from django.urls import reverse

from frirum.bookings import codes
from frirum.bookings.actions import create_booking, move_booking
from frirum.bookings.models import Booking
from frirum.sites.models import OpeningHours, Site, SiteKind
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase

MONDAY_MORNING = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZONE)
TUESDAY_14 = dt.datetime(2026, 3, 3, 14, 0, tzinfo=ZONE)
TUESDAY_15 = TUESDAY_14 + dt.timedelta(hours=1)
NEXT_TUESDAY_14 = TUESDAY_14 + dt.timedelta(days=7)


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def key(moment: dt.datetime) -> str:
    return str(int(moment.timestamp()))


def open_tuesdays(site: Site, capacity: int = 1) -> None:
    OpeningHours.objects.create(site=site, weekday=1, opens=dt.time(14), closes=dt.time(16))
    Site.objects.filter(pk=site.pk).update(
        booking_enabled=True, booking_slot_minutes=60, booking_capacity=capacity
    )
    site.refresh_from_db()


class MoveTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        open_tuesdays(cls.satellite_a)

    def setUp(self):
        cache.clear()
        self.booking, self.code = create_booking(
            site=self.satellite_a,
            start_key=key(TUESDAY_14),
            now=MONDAY_MORNING,
            nickname="Sol",
            age=16,
        )

    def post(self, name, data, lang="en", moment=MONDAY_MORNING):
        with at(moment):
            return self.client.post(reverse(f"bookings:{name}", kwargs={"lang": lang}), data)

    def test_it_shows_the_booking_of_a_code_with_the_other_free_times(self):
        response = self.post("show", {"code": self.code.lower()})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "no-store")
        self.assertContains(response, "14:00\u201315:00 at headspace Alpha satellit")
        self.assertContains(response, "The counsellor expects “Sol”.")
        offered = re.findall(r'name="slot" value="(\d+)"', response.content.decode())
        self.assertNotIn(key(TUESDAY_14), offered)  # its own time is not offered
        self.assertIn(key(TUESDAY_15), offered)

    def test_it_moves_keeping_the_code_and_frees_the_old_place(self):
        response = self.post("move", {"code": self.code, "slot": key(NEXT_TUESDAY_14)})
        self.assertContains(response, "Your booking is moved")
        self.booking.refresh_from_db()
        self.assertEqual(self.booking.starts_at, NEXT_TUESDAY_14)
        self.assertEqual(self.booking.ends_at, NEXT_TUESDAY_14 + dt.timedelta(hours=1))
        self.assertEqual((self.booking.nickname, self.booking.age), ("Sol", 16))
        self.assertEqual(Booking.objects.count(), 1)
        # The old time can be booked by someone else; the code finds the new time.
        create_booking(site=self.satellite_a, start_key=key(TUESDAY_14), now=MONDAY_MORNING)
        self.assertContains(self.post("show", {"code": self.code}), "10 March")

    def test_it_refuses_a_taken_or_invalid_time_and_keeps_the_booking(self):
        create_booking(site=self.satellite_a, start_key=key(TUESDAY_15), now=MONDAY_MORNING)
        for slot in (key(TUESDAY_15), key(TUESDAY_14), "", "abc", key(TUESDAY_14) + "0"):
            response = self.post("move", {"code": self.code, "slot": slot})
            self.assertEqual(response.status_code, 400)
            self.assertIn("slot", response.context["form"].errors)
        self.booking.refresh_from_db()
        self.assertEqual(self.booking.starts_at, TUESDAY_14)
        with self.assertRaises(ValidationError) as caught:
            move_booking(booking=self.booking, start_key=key(TUESDAY_14), now=MONDAY_MORNING)
        self.assertEqual(caught.exception.error_dict["slot"][0].code, "same")

    def test_it_does_not_move_a_cancelled_or_begun_booking(self):
        self.post("cancel", {"code": self.code})
        response = self.post("move", {"code": self.code, "slot": key(NEXT_TUESDAY_14)})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "This booking is cancelled.", status_code=400)
        other, code = create_booking(
            site=self.satellite_a, start_key=key(TUESDAY_15), now=MONDAY_MORNING
        )
        with self.assertRaises(ValidationError):
            move_booking(booking=other, start_key=key(NEXT_TUESDAY_14), now=TUESDAY_15)
        shown = self.post("show", {"code": code}, moment=TUESDAY_15)
        self.assertContains(shown, "has begun or is over")
        self.assertNotContains(shown, "Move my booking")

    def test_it_refuses_a_stale_booking_moved_meanwhile(self):
        stale = Booking.objects.get(pk=self.booking.pk)
        move_booking(booking=self.booking, start_key=key(TUESDAY_15), now=MONDAY_MORNING)
        with self.assertRaises(ValidationError) as caught:
            move_booking(booking=stale, start_key=key(NEXT_TUESDAY_14), now=MONDAY_MORNING)
        self.assertEqual(caught.exception.error_dict["slot"][0].code, "changed")
        self.booking.refresh_from_db()
        self.assertEqual(self.booking.starts_at, TUESDAY_15)

    def test_it_only_moves_within_the_same_site(self):
        open_tuesdays(self.site_a)
        response = self.post(
            "move", {"code": self.code, "slot": key(NEXT_TUESDAY_14 + dt.timedelta(minutes=1))}
        )
        self.assertEqual(response.status_code, 400)
        self.booking.refresh_from_db()
        self.assertEqual(self.booking.site, self.satellite_a)

    def test_it_tells_an_unknown_code_or_a_typo(self):
        response = self.post("show", {"code": codes.new_code()})
        self.assertIn("could not find", str(response.context["form"].errors))
        response = self.post("move", {"code": codes.new_code(), "slot": key(NEXT_TUESDAY_14)})
        self.assertEqual(response.status_code, 400)
        self.assertIn("could not find", str(response.context["form"].errors))
        response = self.post("show", {"code": ""})
        self.assertEqual(response.status_code, 400)

    @override_settings(FRIRUM_BOOKING_GUESSES=3)
    def test_it_limits_guessing_codes_when_showing_and_moving(self):
        statuses = [self.post("show", {"code": codes.new_code()}).status_code for _ in range(2)]
        statuses.append(
            self.post("move", {"code": codes.new_code(), "slot": key(TUESDAY_15)}).status_code
        )
        statuses.append(self.post("move", {"code": self.code, "slot": key(TUESDAY_15)}).status_code)
        self.assertEqual(statuses, [400, 400, 400, 429])
        self.booking.refresh_from_db()
        self.assertEqual(self.booking.starts_at, TUESDAY_14)

    def test_it_offers_the_lookup_page_and_refuses_get_on_move(self):
        with at(MONDAY_MORNING):
            self.assertEqual(
                self.client.get(reverse("bookings:show", args=["da"])).status_code, 200
            )
            self.assertEqual(
                self.client.get(reverse("bookings:move", args=["da"])).status_code, 405
            )

    def test_it_moves_into_a_slot_with_many_places_taking_the_free_one(self):
        Site.objects.filter(pk=self.satellite_a.pk).update(booking_capacity=3)
        self.satellite_a.refresh_from_db()
        for _ in range(2):
            create_booking(site=self.satellite_a, start_key=key(TUESDAY_15), now=MONDAY_MORNING)
        self.booking.site.refresh_from_db()
        moved = move_booking(booking=self.booking, start_key=key(TUESDAY_15), now=MONDAY_MORNING)
        self.assertEqual(moved.seat, 3)
        with self.assertRaises(ValidationError):
            create_booking(site=self.satellite_a, start_key=key(TUESDAY_15), now=MONDAY_MORNING)


@unittest.skipUnless(connection.vendor == "postgresql", "two connections at once")
class ConcurrentMoveTests(TransactionTestCase):
    # Ends by restoring the migrations' rows rather than re-running post_migrate: a later
    # test with serialized_rollback (the chat's, the roster's) inserts those rows itself.
    serialized_rollback = True

    def test_it_lets_only_one_of_a_move_and_a_booking_take_the_last_place(self):
        site = Site.objects.create(code="race", name="headspace Race", kind=SiteKind.CHAT)
        open_tuesdays(site)
        mover, _code = create_booking(site=site, start_key=key(TUESDAY_14), now=MONDAY_MORNING)
        barrier = threading.Barrier(2, timeout=30)
        real_atomic_create = Booking.objects.create
        results = []

        def create_after_both_have_read(**kwargs):
            barrier.wait()
            return real_atomic_create(**kwargs)

        real_filter = Booking.objects.filter

        def filter_then_wait(*args, **kwargs):
            query = real_filter(*args, **kwargs)
            if "pk" in kwargs:
                barrier.wait()
            return query

        def book():
            try:
                create_booking(site=site, start_key=key(TUESDAY_15), now=MONDAY_MORNING)
                results.append("booked")
            except ValidationError:
                results.append("taken")
            finally:
                connections.close_all()

        def move():
            try:
                move_booking(booking=mover, start_key=key(TUESDAY_15), now=MONDAY_MORNING)
                results.append("moved")
            except ValidationError:
                results.append("taken")
            finally:
                connections.close_all()

        with (
            mock.patch.object(Booking.objects, "create", create_after_both_have_read),
            mock.patch.object(Booking.objects, "filter", filter_then_wait),
        ):
            threads = [threading.Thread(target=book), threading.Thread(target=move)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        self.assertEqual(len(results), 2)
        self.assertIn("taken", results)
        self.assertEqual(
            Booking.objects.filter(
                site=site, starts_at=TUESDAY_15, cancelled_at__isnull=True
            ).count(),
            1,
        )
