"""A volunteer's own hours: planned and attended, per month and per site, over every site
they stood at; only ever their own."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frirum.rosters.hours import own_hours
from frirum.rosters.models import Assignment
from tests.base import BaseTestCase, make_contact
from tests.rosters.helpers import make_shift

URL = "/roster/mine/hours/"


class OwnHoursTestCase(BaseTestCase):
    """2025, volunteer_a: March, 4 h at Alpha confirmed by the chief and 4 h at its satellite
    confirmed by a conversation registered that day; April, 4 h at Alpha marked absent; May,
    4 h at Alpha neither confirmed nor with a conversation; October, the night the clocks go
    back, 00-04 at Beta confirmed (five real hours). volunteer_b: 4 h at Beta in March."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        v = cls.volunteer_a
        alpha = make_shift(cls.site_a, dt.date(2025, 3, 3))
        satellite = make_shift(cls.satellite_a, dt.date(2025, 3, 4))
        absent = make_shift(cls.site_a, dt.date(2025, 4, 7))
        unconfirmed = make_shift(cls.site_a, dt.date(2025, 5, 5))
        dst = make_shift(cls.site_b, dt.date(2025, 10, 26), starts=dt.time(0), ends=dt.time(4))
        beta = make_shift(cls.site_b, dt.date(2025, 3, 5))
        Assignment.objects.create(shift=alpha, user=v, attended=True)
        Assignment.objects.create(shift=satellite, user=v)
        make_contact(cls.satellite_a, date=satellite.date, counsellors=[v])
        Assignment.objects.create(shift=absent, user=v, attended=False)
        Assignment.objects.create(shift=unconfirmed, user=v)
        Assignment.objects.create(shift=dst, user=v, attended=True)
        Assignment.objects.create(shift=beta, user=cls.volunteer_b, attended=True)

    def test_it_counts_planned_and_attended_per_month_and_site(self):
        hours = own_hours(self.volunteer_a, 2025)
        by_month = {
            row.label.month: (row.planned_shifts, row.planned_hours, row.shifts, row.hours)
            for row in hours.months
        }
        self.assertEqual(len(hours.months), 12)
        self.assertEqual(by_month[3], (2, 8.0, 2, 8.0))
        self.assertEqual(by_month[4], (1, 4.0, 0, 0.0))
        self.assertEqual(by_month[5], (1, 4.0, 0, 0.0))
        self.assertEqual(by_month[10], (1, 5.0, 1, 5.0))
        self.assertEqual(by_month[1], (0, 0.0, 0, 0.0))
        by_site = {row.label: (row.planned_hours, row.hours) for row in hours.sites}
        self.assertEqual(
            by_site,
            {self.site_a: (12.0, 4.0), self.satellite_a: (4.0, 4.0), self.site_b: (5.0, 5.0)},
        )
        total = hours.total
        self.assertEqual((total.planned_shifts, total.shifts, total.hours), (5, 3, 13.0))

    def test_it_counts_a_shift_still_to_come_as_planned_only(self):
        ahead = make_shift(self.site_a, timezone.localdate() + dt.timedelta(days=3))
        Assignment.objects.create(shift=ahead, user=self.volunteer_a, attended=True)
        hours = own_hours(self.volunteer_a, ahead.date.year)
        row = hours.months[ahead.date.month - 1]
        self.assertEqual((row.planned_shifts, row.shifts), (1, 0))

    def test_it_shows_the_volunteer_their_own_hours_only(self):
        self.login(self.volunteer_a)
        r = self.client.get(URL, {"year": 2025})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.context["hours"].total.hours, 13.0)
        self.assertContains(r, self.satellite_a.name)
        self.assertContains(r, "Mine timer")
        # No way to ask for someone else's: the page ignores any id it is given.
        r = self.client.get(URL, {"year": 2025, "user": self.volunteer_b.pk})
        self.assertEqual(r.context["hours"].total.hours, 13.0)
        self.login(self.volunteer_b)
        r = self.client.get(URL, {"year": 2025})
        self.assertEqual(r.context["hours"].total.hours, 4.0)
        self.assertNotContains(r, self.satellite_a.name)

    def test_it_reads_the_year_in_a_constant_number_of_queries(self):
        self.login(self.volunteer_a)
        with CaptureQueriesContext(connection) as before:
            self.client.get(URL, {"year": 2025})
        for day in (10, 11, 12):
            shift = make_shift(self.site_a, dt.date(2025, 6, day))
            Assignment.objects.create(shift=shift, user=self.volunteer_a, attended=True)
        with self.assertNumQueries(len(before.captured_queries)):
            self.client.get(URL, {"year": 2025})

    def test_it_asks_a_visitor_to_sign_in_and_404s_a_year_far_away(self):
        r = self.client.get(URL)
        self.assertEqual(r.status_code, 302)
        self.assertIn("login", r["Location"])
        self.login(self.volunteer_a)
        self.assertEqual(self.client.get(URL, {"year": 1900}).status_code, 404)
        self.assertEqual(self.client.get(URL, {"year": "x"}).status_code, 200)

    def test_it_is_linked_from_my_shifts(self):
        self.login(self.volunteer_a)
        self.assertContains(self.client.get("/roster/mine/"), URL)
