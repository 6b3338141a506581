"""A chief releases a slot filled by abuse: POST only, audited, for those who may delete."""

import datetime as dt
from unittest import mock

from django.urls import reverse

from frirum.audit.models import AuditAction, AuditEntry
from frirum.bookings import codes
from frirum.bookings.models import Booking
from frirum.sites.models import DeletionPolicy, Site
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase

MONDAY_MORNING = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZONE)
TUESDAY_14 = dt.datetime(2026, 3, 3, 14, 0, tzinfo=ZONE)


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


class ReleaseTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.booking = make_booking(cls.site_a)

    def release(self, user, booking=None, site_code="alpha", moment=MONDAY_MORNING):
        self.login(user)
        url = reverse("bookings:release", args=[site_code, (booking or self.booking).pk])
        with at(moment):
            return self.client.post(url)

    def test_it_frees_the_slot_and_logs_who_did(self):
        response = self.release(self.chief_a)
        self.assertRedirects(response, reverse("bookings:staff_list", args=["alpha"]))
        self.booking.refresh_from_db()
        self.assertEqual(self.booking.cancelled_at, MONDAY_MORNING)
        entry = AuditEntry.objects.get(object_type="bookings.booking")
        self.assertEqual(entry.action, AuditAction.UPDATE)
        self.assertEqual(entry.actor, self.chief_a)
        self.assertEqual(entry.site, self.site_a)
        self.assertEqual(list(entry.changes), ["cancelled_at"])
        # The slot can be booked again.
        make_booking(self.site_a)

    def test_it_lets_an_employed_counsellor_release_too(self):
        self.release(self.a_employed_counsellor)
        self.booking.refresh_from_db()
        self.assertTrue(self.booking.is_cancelled)

    def test_it_refuses_volunteers_and_peers_unless_the_site_widens_deleting(self):
        for user in (self.a_volunteer_counsellor, self.a_peer_volunteer):
            self.assertEqual(self.release(user).status_code, 403)
        Site.objects.filter(pk=self.site_a.pk).update(who_may_delete=DeletionPolicy.COUNSELLORS)
        self.assertEqual(self.release(self.a_volunteer_counsellor).status_code, 302)
        self.booking.refresh_from_db()
        self.assertTrue(self.booking.is_cancelled)

    def test_it_knows_no_booking_of_another_site(self):
        self.assertEqual(self.release(self.chief_b, site_code="beta").status_code, 404)
        self.assertEqual(self.release(self.chief_b, site_code="alpha").status_code, 404)
        self.assertEqual(self.release(self.chief_a, site_code="beta").status_code, 404)
        self.booking.refresh_from_db()
        self.assertFalse(self.booking.is_cancelled)
        self.assertFalse(AuditEntry.objects.filter(object_type="bookings.booking").exists())

    def test_it_refuses_a_get_and_an_anonymous_visitor(self):
        url = reverse("bookings:release", args=["alpha", self.booking.pk])
        self.assertEqual(self.client.post(url).status_code, 302)  # to the login page
        self.login(self.chief_a)
        self.assertEqual(self.client.get(url).status_code, 405)
        self.booking.refresh_from_db()
        self.assertFalse(self.booking.is_cancelled)

    def test_it_says_why_it_cannot_release_a_cancelled_or_begun_time(self):
        begun = self.release(self.chief_a, moment=TUESDAY_14)
        self.assertEqual(begun.status_code, 302)
        self.booking.refresh_from_db()
        self.assertFalse(self.booking.is_cancelled)
        self.release(self.chief_a)
        with at(MONDAY_MORNING):
            again = self.client.post(
                reverse("bookings:release", args=["alpha", self.booking.pk]), follow=True
            )
        self.assertContains(again, "Tiden er allerede afbestilt.")
        self.assertEqual(AuditEntry.objects.filter(object_type="bookings.booking").count(), 1)

    def test_it_offers_the_button_only_to_those_who_may_release(self):
        many = [make_booking(self.site_a, TUESDAY_14 + dt.timedelta(hours=h)) for h in range(1, 30)]
        self.assertEqual(len(many), 29)
        self.login(self.chief_a)
        with at(MONDAY_MORNING):
            response = self.client.get(reverse("bookings:staff_list", args=["alpha"]))
        self.assertContains(response, 'class="bookings-release"', count=30)
        self.login(self.a_volunteer_counsellor)
        with at(MONDAY_MORNING):
            response = self.client.get(reverse("bookings:staff_list", args=["alpha"]))
        self.assertNotContains(response, 'class="bookings-release"')
