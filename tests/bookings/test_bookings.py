"""Anonymous booking: a time from the schedule, a cancel code shown once, nothing about who."""

import datetime as dt
import re
from unittest import mock

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from frirum.bookings import codes
from frirum.bookings.actions import create_booking
from frirum.bookings.models import Booking
from frirum.bookings.slots import bookable_slots
from frirum.sites.models import ClosedDay, OpeningHours
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase

# Monday 2 March 2026, 10:00 in Copenhagen.
MONDAY_MORNING = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZONE)
TUESDAY_14 = dt.datetime(2026, 3, 3, 14, 0, tzinfo=ZONE)


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def key(moment: dt.datetime) -> str:
    return str(int(moment.timestamp()))


class BookingTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        OpeningHours.objects.create(
            site=cls.satellite_a, weekday=1, opens=dt.time(14), closes=dt.time(16)
        )
        cls.satellite_a.booking_enabled = True
        cls.satellite_a.booking_slot_minutes = 60
        cls.satellite_a.save(update_fields=["booking_enabled", "booking_slot_minutes"])

    def setUp(self):
        cache.clear()

    def book_url(self, site=None, lang="da"):
        return reverse(
            "bookings:book", kwargs={"lang": lang, "site_code": (site or self.satellite_a).code}
        )

    def book(self, moment=TUESDAY_14):
        with at(MONDAY_MORNING):
            return self.client.post(self.book_url(), {"slot": key(moment)})

    def code_from(self, response) -> str:
        return re.search(r'class="public-code">([A-Z0-9-]+)<', response.content.decode()).group(1)

    def test_it_cuts_slots_from_the_opening_hours(self):
        with at(MONDAY_MORNING):
            slots = bookable_slots(self.satellite_a, MONDAY_MORNING)
        self.assertEqual(len(slots), 4)  # two Tuesdays in the next two weeks, two hours each
        self.assertEqual(slots[0].start, TUESDAY_14)
        self.assertEqual(slots[1].end - slots[1].start, dt.timedelta(hours=1))

    def test_it_offers_no_slot_on_a_closed_day_or_within_the_hour(self):
        ClosedDay.objects.create(site=self.satellite_a, date=dt.date(2026, 3, 3))
        slots = bookable_slots(self.satellite_a, dt.datetime(2026, 3, 10, 13, 30, tzinfo=ZONE))
        self.assertNotIn(dt.date(2026, 3, 3), [s.start.date() for s in slots])
        self.assertEqual(slots[0].start, dt.datetime(2026, 3, 10, 15, 0, tzinfo=ZONE))

    def test_it_books_without_any_personal_data(self):
        response = self.book()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "no-store")
        code = self.code_from(response)
        booking = Booking.objects.get()
        self.assertEqual(booking.starts_at, TUESDAY_14)
        # Only the hash is kept; the row has the site, the time, its place and nothing else.
        self.assertEqual(booking.cancel_hash, codes.cancel_hash(code))
        self.assertNotIn(codes.normalise(code), str(Booking.objects.values().get()))
        self.assertEqual(
            {f.name for f in Booking._meta.concrete_fields},
            {
                "id",
                "site",
                "starts_at",
                "ends_at",
                "seat",
                "cancel_hash",
                "cancelled_at",
                "nickname",
                "age",
                "contact",
                "not_met_at",
            },
        )
        self.assertNotIn("sessionid", response.cookies)

    def test_it_does_not_book_a_taken_time_twice(self):
        self.book()
        response = self.book()
        self.assertEqual(response.status_code, 400)
        self.assertIn("slot", response.context["form"].errors)
        self.assertEqual(Booking.objects.count(), 1)
        with self.assertRaises(ValidationError):
            create_booking(site=self.satellite_a, start_key=key(TUESDAY_14), now=MONDAY_MORNING)

    def test_it_refuses_a_time_that_is_not_a_slot(self):
        for value in ("", "abc", key(TUESDAY_14 + dt.timedelta(minutes=30)), "9" * 40):
            with at(MONDAY_MORNING):
                response = self.client.post(self.book_url(), {"slot": value})
            self.assertEqual(response.status_code, 400)
            self.assertIn("slot", response.context["form"].errors)
        self.assertFalse(Booking.objects.exists())

    def test_it_has_no_booking_page_where_booking_is_off(self):
        for site in (self.site_a, self.chat):
            self.assertEqual(self.client.get(self.book_url(site)).status_code, 404)
        self.assertEqual(
            self.client.get(self.book_url().replace("alpha-sat", "nope")).status_code, 404
        )

    def test_it_cancels_with_the_code_once(self):
        code = self.code_from(self.book())
        url = reverse("bookings:cancel", kwargs={"lang": "en"})
        with at(MONDAY_MORNING):
            response = self.client.post(url, {"code": code.lower()})
            self.assertContains(response, "is free again")
            again = self.client.post(url, {"code": code})
        self.assertEqual(again.status_code, 400)
        self.assertIn("already cancelled", str(again.context["form"].errors))
        self.assertIsNotNone(Booking.objects.get().cancelled_at)
        # The time is free again.
        self.assertEqual(self.book().status_code, 200)

    def test_it_tells_a_typo_from_an_unknown_code(self):
        code = codes.normalise(self.code_from(self.book()))
        url = reverse("bookings:cancel", kwargs={"lang": "en"})
        typo = code[:-1] + ("A" if code[-1] != "A" else "B")
        response = self.client.post(url, {"code": typo})
        self.assertIn("typing error", str(response.context["form"].errors))
        unknown = codes.new_code()
        response = self.client.post(url, {"code": unknown})
        self.assertIn("could not find", str(response.context["form"].errors))
        self.assertIsNone(Booking.objects.get().cancelled_at)

    @override_settings(FRIRUM_BOOKING_GUESSES=3)
    def test_it_limits_guessing_codes(self):
        url = reverse("bookings:cancel", kwargs={"lang": "da"})
        statuses = [self.client.post(url, {"code": codes.new_code()}).status_code for _ in range(4)]
        self.assertEqual(statuses, [400, 400, 400, 429])

    @override_settings(FRIRUM_BOOKINGS_PER_HOUR=2)
    def test_it_limits_bookings_per_network(self):
        times = [TUESDAY_14, TUESDAY_14 + dt.timedelta(hours=1), TUESDAY_14 + dt.timedelta(days=7)]
        statuses = [self.book(moment).status_code for moment in times]
        self.assertEqual(statuses, [200, 200, 429])
        self.assertEqual(Booking.objects.count(), 2)

    def test_it_gives_a_calendar_file_with_an_alarm_only_if_asked(self):
        code = self.code_from(self.book())
        url = reverse("bookings:calendar", kwargs={"lang": "en"})
        with at(MONDAY_MORNING):
            plain = self.client.post(url, {"code": code})
            alarmed = self.client.post(url, {"code": code, "alarm": "on"})
        self.assertEqual(plain["Content-Type"], "text/calendar; charset=utf-8")
        event = Calendar.from_ical(plain.content).walk("VEVENT")[0]
        self.assertEqual(event.decoded("dtstart"), TUESDAY_14)
        self.assertIn(code, str(event.get("description")))
        self.assertEqual(Calendar.from_ical(plain.content).walk("VALARM"), [])
        self.assertEqual(len(Calendar.from_ical(alarmed.content).walk("VALARM")), 1)
        bad = self.client.post(url, {"code": codes.new_code()})
        self.assertEqual(bad.status_code, 400)

    def test_it_shows_staff_their_sites_bookings_only(self):
        self.book()
        url = reverse("bookings:staff_list", args=[self.satellite_a.code])
        self.login(self.secretariat)
        with at(dt.datetime(2026, 3, 3, 9, 0, tzinfo=ZONE)):
            response = self.client.get(url)
        self.assertContains(response, "14:00\u201315:00")
        self.login(self.chief_b)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)

    def test_it_lists_many_bookings_in_few_queries(self):
        for n in range(40):
            Booking.objects.create(
                site=self.satellite_a,
                starts_at=TUESDAY_14 + dt.timedelta(hours=n * 4),
                ends_at=TUESDAY_14 + dt.timedelta(hours=n * 4 + 1),
                cancel_hash=f"{n:064d}",
            )
        self.login(self.secretariat)
        with at(dt.datetime(2026, 3, 3, 9, 0, tzinfo=ZONE)), CaptureQueriesContext(connection) as q:
            response = self.client.get(reverse("bookings:staff_list", args=[self.satellite_a.code]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["days"]), 8)  # today and the coming week
        self.assertLessEqual(len(q), 10)
