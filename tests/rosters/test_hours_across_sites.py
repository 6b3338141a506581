"""Hours across sites: a hub's chief sees the hub and its satellites, one total per person
however many of them the person worked at; the secretariat sees the whole network; nobody
else sees the page."""

import datetime as dt

from frirum.rosters.hours import hours_across_sites
from frirum.rosters.models import Assignment
from frirum.volunteers.access import sites_led_by
from tests.base import BaseTestCase
from tests.rosters.helpers import make_shift


class HoursAcrossSitesTestCase(BaseTestCase):
    """2025: volunteer_a 4 h at Alpha and 4 h at its satellite; the peer volunteer 4 h at the
    satellite; volunteer_b 4 h at Beta; a planned, unattended shift at Alpha counts nothing."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        alpha = make_shift(cls.site_a, dt.date(2025, 3, 3))
        satellite = make_shift(cls.satellite_a, dt.date(2025, 3, 4))
        beta = make_shift(cls.site_b, dt.date(2025, 3, 5))
        planned = make_shift(cls.site_a, dt.date(2025, 3, 10))
        Assignment.objects.create(shift=alpha, user=cls.volunteer_a, attended=True)
        Assignment.objects.create(shift=satellite, user=cls.volunteer_a, attended=True)
        Assignment.objects.create(shift=satellite, user=cls.a_peer_volunteer, attended=True)
        Assignment.objects.create(shift=beta, user=cls.volunteer_b, attended=True)
        Assignment.objects.create(shift=planned, user=cls.volunteer_a)

    def test_it_knows_which_sites_a_user_leads(self):
        self.assertEqual(sites_led_by(self.chief_a), [self.site_a, self.satellite_a])
        self.assertEqual(sites_led_by(self.chief_b), [self.site_b])
        self.assertEqual(len(sites_led_by(self.secretariat)), 5)
        for user in (self.volunteer_a, self.a_employed_counsellor, self.outsider):
            self.assertEqual(sites_led_by(user), [], user)

    def test_it_sums_one_person_over_a_hub_and_its_satellite(self):
        people, per_site = hours_across_sites([self.site_a, self.satellite_a], 2025)
        totals = {p.user: (p.shifts, p.hours, len(p.sites)) for p in people}
        self.assertEqual(totals[self.volunteer_a], (2, 8.0, 2))
        self.assertEqual(totals[self.a_peer_volunteer], (1, 4.0, 1))
        self.assertNotIn(self.volunteer_b, totals)
        self.assertEqual(
            {row.site: (row.shifts, row.hours) for row in per_site},
            {self.site_a: (1, 4.0), self.satellite_a: (2, 8.0)},
        )

    def test_it_shows_the_hub_chief_their_sites_only(self):
        self.login(self.chief_a)
        r = self.client.get("/roster/hours/?year=2025")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, self.volunteer_a.full_name)
        self.assertContains(r, self.satellite_a.name)
        self.assertNotContains(r, self.volunteer_b.full_name)
        self.assertNotContains(r, self.site_b.name)
        self.assertEqual(r.context["total"], 12.0)
        self.assertContains(self.client.get("/roster/mine/"), "/roster/hours/")

    def test_it_shows_the_secretariat_the_network(self):
        self.login(self.secretariat)
        r = self.client.get("/roster/hours/?year=2025")
        self.assertContains(r, self.volunteer_b.full_name)
        self.assertEqual((r.context["total"], r.context["shifts"]), (16.0, 4))

    def test_it_is_empty_in_a_year_without_shifts_and_survives_bad_years(self):
        self.login(self.chief_b)
        r = self.client.get("/roster/hours/?year=2023")
        self.assertEqual((r.status_code, r.context["total"]), (200, 0))
        self.assertEqual(self.client.get("/roster/hours/?year=x").status_code, 200)
        self.assertEqual(self.client.get("/roster/hours/?year=1800").status_code, 404)

    def test_it_404s_anyone_who_leads_no_site(self):
        for user in (self.volunteer_a, self.a_employed_counsellor, self.viewer_ballerup):
            self.login(user)
            self.assertEqual(self.client.get("/roster/hours/").status_code, 404, user)
            self.assertNotContains(self.client.get("/roster/mine/"), "/roster/hours/")
        self.client.logout()
        self.assertEqual(self.client.get("/roster/hours/").status_code, 302)

    def test_it_reads_the_network_in_a_fixed_number_of_queries(self):
        self.login(self.secretariat)
        self.client.get("/roster/hours/?year=2025")  # warm the session and the caches
        with self.assertNumQueries(self.queries_for_page()):
            self.client.get("/roster/hours/?year=2025")

    def queries_for_page(self) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as first:
            self.client.get("/roster/hours/?year=2025")
        for n in range(10):
            shift = make_shift(self.site_b, dt.date(2025, 4, 1 + n))
            Assignment.objects.create(shift=shift, user=self.volunteer_b, attended=True)
        return len(first.captured_queries)
