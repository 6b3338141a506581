"""Booking with an optional nickname and age: short, anonymous, 12 to 25."""

import datetime as dt
from unittest import mock

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from frirum.bookings import codes
from frirum.bookings.actions import create_booking
from frirum.bookings.models import Booking
from frirum.sites.models import OpeningHours
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase

MONDAY_MORNING = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZONE)
TUESDAY_14 = dt.datetime(2026, 3, 3, 14, 0, tzinfo=ZONE)
KEY = str(int(TUESDAY_14.timestamp()))


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


class NicknameAgeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        OpeningHours.objects.create(
            site=cls.satellite_a, weekday=1, opens=dt.time(14), closes=dt.time(16)
        )
        cls.satellite_a.booking_enabled = True
        cls.satellite_a.booking_slot_minutes = 60
        cls.satellite_a.save(update_fields=["booking_enabled", "booking_slot_minutes"])
        cls.url = reverse("bookings:book", kwargs={"lang": "en", "site_code": "alpha-sat"})

    def setUp(self):
        cache.clear()

    def post(self, **data):
        with at(MONDAY_MORNING):
            return self.client.post(self.url, {"slot": KEY, **data})

    def test_it_books_with_a_nickname_and_an_age(self):
        response = self.post(nickname="  Sol  ", age="17")
        self.assertContains(response, "The counsellor expects “Sol”.")
        booking = Booking.objects.get()
        self.assertEqual((booking.nickname, booking.age), ("Sol", 17))

    def test_it_books_without_them(self):
        self.assertEqual(self.post().status_code, 200)
        booking = Booking.objects.get()
        self.assertEqual((booking.nickname, booking.age), ("", None))

    def test_it_refuses_an_age_outside_12_to_25_and_keeps_the_input(self):
        for age in ("11", "26", "-1", "abc", "17.5"):
            response = self.post(nickname="Sol", age=age)
            self.assertEqual(response.status_code, 400)
            self.assertIn("age", response.context["form"].errors)
            self.assertContains(response, 'value="Sol"', status_code=400)
        self.assertFalse(Booking.objects.exists())
        for age in ("12", "25"):
            cache.clear()
            self.assertEqual(self.post(age=age).status_code, 200)
            Booking.objects.update(cancelled_at=MONDAY_MORNING)

    def test_it_refuses_an_identifying_or_long_nickname(self):
        for nickname in ("Mads Jensen", "mads@example.org", "12345678", "x" * 21):
            response = self.post(nickname=nickname, age="17")
            self.assertEqual(response.status_code, 400)
            self.assertIn("nickname", response.context["form"].errors)
            self.assertContains(response, 'value="17"', status_code=400)
        self.assertFalse(Booking.objects.exists())

    def test_it_checks_again_in_the_action_and_the_database(self):
        for fields in ({"age": 30}, {"nickname": "ring 12345678"}, {"nickname": "y" * 21}):
            with self.assertRaises(ValidationError):
                create_booking(site=self.satellite_a, start_key=KEY, now=MONDAY_MORNING, **fields)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Booking.objects.create(
                site=self.satellite_a,
                starts_at=TUESDAY_14,
                ends_at=TUESDAY_14 + dt.timedelta(hours=1),
                cancel_hash=codes.cancel_hash(codes.new_code()),
                age=11,
            )
