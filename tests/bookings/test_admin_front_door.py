"""The secretariat finds bookings in the administration (read mostly); the login page
sends young people to the public pages."""

import datetime as dt

from django.urls import reverse

from frirum.bookings import codes
from frirum.bookings.models import Booking
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase

START = dt.datetime(2026, 3, 3, 14, 0, tzinfo=ZONE)


class AdminTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.booking = Booking.objects.create(
            site=cls.site_a,
            starts_at=START,
            ends_at=START + dt.timedelta(hours=1),
            cancel_hash=codes.cancel_hash(codes.new_code()),
            nickname="Sol",
        )

    def test_it_lists_bookings_for_the_secretariat_but_adds_none(self):
        self.login(self.secretariat)
        response = self.client.get("/admin/bookings/booking/")
        self.assertContains(response, "Sol")
        self.assertEqual(self.client.get("/admin/bookings/booking/add/").status_code, 403)
        change = self.client.get(f"/admin/bookings/booking/{self.booking.pk}/change/")
        self.assertEqual(change.status_code, 200)
        self.assertNotContains(change, 'name="cancel_hash"')

    def test_it_refuses_staff_who_are_not_admins(self):
        self.login(self.chief_a)
        response = self.client.get("/admin/bookings/booking/")
        self.assertNotEqual(response.status_code, 200)


class FrontDoorTests(BaseTestCase):
    def test_it_links_the_login_page_to_the_public_pages(self):
        response = self.client.get(reverse("accounts:login"))
        self.assertContains(response, 'href="/da/"')
        self.assertContains(response, 'href="/en/"')
        self.assertContains(response, "Leder du efter nogen at tale med?")
