"""The counsellor's day view: the day's bookings beside the drop-in hours; registering the
conversation from a booking (prefilled, marking it met), not met, and cancelling."""

import datetime as dt
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frirum.audit.models import AuditEntry
from frirum.bookings import codes
from frirum.bookings.models import Booking
from frirum.contacts.models import Contact
from frirum.sites.models import ClosedDay, DeletionPolicy, OpeningHours, Site
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase
from tests.contacts.factories import contact_post

TUESDAY = dt.date(2026, 3, 3)
TUESDAY_14 = dt.datetime(2026, 3, 3, 14, 0, tzinfo=ZONE)
TUESDAY_MORNING = dt.datetime(2026, 3, 3, 9, 0, tzinfo=ZONE)
TUESDAY_EVENING = dt.datetime(2026, 3, 3, 18, 0, tzinfo=ZONE)


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def make_booking(site, start=TUESDAY_14, **fields) -> Booking:
    return Booking.objects.create(
        site=site,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        cancel_hash=codes.cancel_hash(codes.new_code()),
        **fields,
    )


class DayViewTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for site in (cls.site_a, cls.site_b):
            OpeningHours.objects.create(site=site, weekday=1, opens=dt.time(14), closes=dt.time(17))
        Site.objects.filter(pk__in=[cls.site_a.pk, cls.site_b.pk]).update(booking_enabled=True)
        cls.site_a.refresh_from_db()
        cls.booking = make_booking(cls.site_a, nickname="Sol", age=17)
        cls.later = make_booking(cls.site_a, TUESDAY_14 + dt.timedelta(hours=2))
        cls.cancelled = make_booking(
            cls.site_a, TUESDAY_14 + dt.timedelta(hours=1), cancelled_at=TUESDAY_MORNING
        )
        cls.other_site = make_booking(cls.site_b, nickname="Beta-booking")

    def day(self, user, site="alpha", date="2026-03-03", moment=TUESDAY_MORNING):
        self.login(user)
        with at(moment):
            return self.client.get(reverse("bookings:day", args=[site]), {"date": date})

    def test_it_shows_the_days_bookings_beside_the_drop_in(self):
        response = self.day(self.a_volunteer_counsellor)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Åben 14:00\u201317:00")
        self.assertContains(response, "Sol")
        self.assertContains(response, "<td>17</td>", html=False)
        self.assertEqual(response.context["bookings"], [self.booking, self.later])
        self.assertEqual(response.context["cancelled"], [self.cancelled])
        self.assertNotContains(response, "Beta-booking")
        register = (
            reverse("contacts:contact_create", args=["alpha"]) + f"?booking={self.booking.pk}"
        )
        self.assertContains(response, register)

    def test_it_says_when_the_site_is_closed_and_when_there_are_no_bookings(self):
        ClosedDay.objects.create(site=self.site_a, date=dt.date(2026, 3, 10), reason="Påske")
        response = self.day(self.chief_a, date="2026-03-10")
        self.assertContains(response, "Lukket: Påske")
        self.assertContains(response, "Ingen bookede tider denne dag.")

    def test_it_is_for_the_sites_members_only(self):
        self.assertEqual(self.day(self.chief_b).status_code, 404)
        self.assertEqual(self.day(self.outsider).status_code, 404)
        self.assertEqual(self.day(self.viewer_ballerup).status_code, 404)
        self.client.logout()
        with at(TUESDAY_MORNING):
            anonymous = self.client.get(reverse("bookings:day", args=["alpha"]))
        self.assertEqual(anonymous.status_code, 302)

    def test_it_refuses_a_bad_date(self):
        for date in ("2026-02-30", "tuesday", "1900-01-01"):
            self.assertEqual(self.day(self.chief_a, date=date).status_code, 404)
        self.assertEqual(self.day(self.chief_a, date="").context["day"], TUESDAY)

    def test_it_offers_not_met_and_cancel_by_role_and_time(self):
        before = self.day(self.a_volunteer_counsellor)
        self.assertNotContains(before, 'class="bookings-not-met"')  # nothing has begun
        self.assertNotContains(before, 'class="bookings-cancel"')  # volunteers cannot cancel
        chief = self.day(self.chief_a)
        self.assertContains(chief, 'class="bookings-cancel"', count=2)
        after = self.day(self.a_volunteer_counsellor, moment=TUESDAY_EVENING)
        self.assertContains(after, 'class="bookings-not-met"', count=2)
        peer = self.day(self.a_peer_volunteer, moment=TUESDAY_EVENING)
        self.assertNotContains(peer, 'class="bookings-not-met"')

    def test_it_links_from_the_dashboard_where_booking_is_on(self):
        self.login(self.chief_a)
        dashboard = self.client.get(reverse("contacts:dashboard", args=["alpha"]))
        self.assertContains(dashboard, reverse("bookings:day", args=["alpha"]))
        Site.objects.filter(pk=self.site_a.pk).update(booking_enabled=False)
        dashboard = self.client.get(reverse("contacts:dashboard", args=["alpha"]))
        self.assertNotContains(dashboard, reverse("bookings:day", args=["alpha"]))

    def test_it_shows_a_busy_day_in_few_queries(self):
        for n in range(60):
            make_booking(self.site_a, TUESDAY_14, nickname=f"N{n}", seat=n + 2)
        self.login(self.chief_a)
        url = reverse("bookings:day", args=["alpha"])
        with at(TUESDAY_MORNING), CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, {"date": "2026-03-03"})
        self.assertEqual(len(response.context["bookings"]), 62)
        self.assertLessEqual(len(queries), 14)


class RegisterFromBookingTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        Site.objects.filter(pk=cls.site_a.pk).update(booking_enabled=True)
        cls.booking = make_booking(cls.site_a, nickname="Sol", age=17)
        cls.other_site = make_booking(cls.site_b)

    def url(self, booking=None, site="alpha"):
        pk = (booking or self.booking).pk
        return reverse("contacts:contact_create", args=[site]) + f"?booking={pk}"

    def test_it_prefills_the_registration_from_the_booking(self):
        self.login(self.a_volunteer_counsellor)
        response = self.client.get(self.url())
        initial = response.context["form"].initial
        self.assertEqual(initial["date"], TUESDAY)
        self.assertEqual(initial["time"], dt.time(14, 0))
        self.assertEqual(initial["site"], self.site_a.pk)
        self.assertEqual(initial["youth_mode"], "new")
        self.assertEqual(initial["new_nickname"], "Sol")
        self.assertEqual(initial["age"], 17)
        self.assertEqual(initial["counsellors"], [self.a_volunteer_counsellor.pk])
        self.assertContains(response, f'action="{self.url()}"')
        self.assertContains(response, 'name="booking"')

    def test_it_marks_the_booking_met_when_the_conversation_is_saved(self):
        self.login(self.a_volunteer_counsellor)
        data = contact_post(
            self.site_a,
            date="2026-03-03",
            time="14:00",
            new_nickname="Sol",
            age="17",
            counsellors=[str(self.a_volunteer_counsellor.pk)],
        )
        response = self.client.post(self.url(), data)
        contact = Contact.objects.get()
        self.assertRedirects(response, f"/contacts/{contact.code}/")
        self.booking.refresh_from_db()
        self.assertEqual(self.booking.contact, contact)
        self.assertTrue(
            AuditEntry.objects.filter(
                object_type="bookings.booking", actor=self.a_volunteer_counsellor
            ).exists()
        )
        # A second conversation for the same booking is refused, and nothing is written.
        again = self.client.post(self.url(), data)
        self.assertEqual(again.status_code, 400)
        self.assertEqual(Contact.objects.count(), 1)

    def test_it_writes_nothing_when_the_booking_is_cancelled(self):
        Booking.objects.filter(pk=self.booking.pk).update(cancelled_at=TUESDAY_MORNING)
        self.login(self.a_volunteer_counsellor)
        data = contact_post(self.site_a, counsellors=[str(self.a_volunteer_counsellor.pk)])
        response = self.client.post(self.url(), data)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Contact.objects.exists())

    def test_it_knows_no_booking_of_another_site(self):
        self.login(self.a_volunteer_counsellor)
        self.assertEqual(self.client.get(self.url(self.other_site)).status_code, 404)
        self.assertEqual(self.client.get(self.url(site="beta")).status_code, 404)
        bad = reverse("contacts:contact_create", args=["alpha"]) + "?booking=abc"
        self.assertEqual(self.client.get(bad).status_code, 404)


class NotMetAndCancelTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.booking = make_booking(cls.site_a, nickname="Sol")

    def post(self, user, name, moment, site="alpha", booking=None):
        self.login(user)
        url = reverse(f"bookings:{name}", args=[site, (booking or self.booking).pk])
        with at(moment):
            return self.client.post(url, {"back": "day"})

    def test_it_marks_a_begun_booking_not_met_and_logs_who(self):
        response = self.post(self.a_volunteer_counsellor, "not_met", TUESDAY_EVENING)
        self.assertRedirects(
            response,
            reverse("bookings:day", args=["alpha"]) + "?date=2026-03-03",
            fetch_redirect_response=False,
        )
        self.booking.refresh_from_db()
        self.assertEqual(self.booking.not_met_at, TUESDAY_EVENING)
        entry = AuditEntry.objects.get(object_type="bookings.booking")
        self.assertEqual(entry.actor, self.a_volunteer_counsellor)

    def test_it_refuses_not_met_before_the_time_or_twice(self):
        self.post(self.chief_a, "not_met", TUESDAY_MORNING)
        self.booking.refresh_from_db()
        self.assertIsNone(self.booking.not_met_at)
        self.post(self.chief_a, "not_met", TUESDAY_EVENING)
        self.post(self.chief_a, "not_met", TUESDAY_EVENING)
        self.assertEqual(AuditEntry.objects.filter(object_type="bookings.booking").count(), 1)

    def test_it_refuses_the_wrong_role_and_the_wrong_site(self):
        self.assertEqual(
            self.post(self.a_peer_volunteer, "not_met", TUESDAY_EVENING).status_code, 403
        )
        self.assertEqual(self.post(self.secretariat, "not_met", TUESDAY_EVENING).status_code, 403)
        self.assertEqual(self.post(self.chief_b, "not_met", TUESDAY_EVENING).status_code, 404)
        self.assertEqual(
            self.post(self.chief_b, "not_met", TUESDAY_EVENING, site="beta").status_code, 404
        )
        self.assertEqual(
            self.post(self.a_volunteer_counsellor, "release", TUESDAY_MORNING).status_code, 403
        )
        self.booking.refresh_from_db()
        self.assertIsNone(self.booking.not_met_at)
        self.assertFalse(self.booking.is_cancelled)

    def test_it_lets_staff_cancel_back_to_the_day_view(self):
        response = self.post(self.a_employed_counsellor, "release", TUESDAY_MORNING)
        self.assertRedirects(
            response,
            reverse("bookings:day", args=["alpha"]) + "?date=2026-03-03",
            fetch_redirect_response=False,
        )
        self.booking.refresh_from_db()
        self.assertTrue(self.booking.is_cancelled)
        Site.objects.filter(pk=self.site_a.pk).update(who_may_delete=DeletionPolicy.COUNSELLORS)

    def test_it_turns_not_met_into_met_when_the_conversation_is_registered_late(self):
        self.post(self.chief_a, "not_met", TUESDAY_EVENING)
        data = contact_post(self.site_a, counsellors=[str(self.chief_a.pk)])
        url = reverse("contacts:contact_create", args=["alpha"]) + f"?booking={self.booking.pk}"
        self.client.post(url, data)
        self.booking.refresh_from_db()
        self.assertIsNone(self.booking.not_met_at)
        self.assertIsNotNone(self.booking.contact)
