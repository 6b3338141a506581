import datetime as dt

from frirum.rosters.hours import hours_by_site, hours_by_volunteer
from frirum.rosters.models import Assignment
from tests.base import BaseTestCase, make_contact
from tests.rosters.helpers import make_shift, make_template


class HoursTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        template = make_template(cls.site_a, weekday=0)
        cls.days = [
            dt.date(2025, 3, 3),
            dt.date(2025, 3, 10),
            dt.date(2025, 3, 17),
            dt.date(2025, 3, 24),
            dt.date(2025, 3, 31),
        ]
        cls.shifts = [make_shift(cls.site_a, d, template=template) for d in cls.days]

    def test_it_counts_confirmed_or_registered_attendance_only(self):
        v = self.volunteer_a
        Assignment.objects.create(shift=self.shifts[0], user=v, attended=True)
        Assignment.objects.create(shift=self.shifts[1], user=v)  # planned, nothing else
        Assignment.objects.create(shift=self.shifts[2], user=v)
        make_contact(self.site_a, date=self.days[2], counsellors=[v])
        Assignment.objects.create(shift=self.shifts[3], user=v, attended=False)
        make_contact(self.site_a, date=self.days[3], counsellors=[v])  # the chief's word wins
        Assignment.objects.create(shift=self.shifts[4], user=v)
        make_contact(self.site_b, date=self.days[4], counsellors=[v])  # another site's talk
        rows = hours_by_volunteer([self.site_a], 2025)
        self.assertEqual([(r.user, r.shifts, r.hours) for r in rows], [(v, 2, 8.0)])
        self.assertEqual(hours_by_site([self.site_a, self.site_b], 2025), {self.site_a.pk: 8.0})

    def test_it_is_empty_for_another_year_or_site(self):
        Assignment.objects.create(shift=self.shifts[0], user=self.volunteer_a, attended=True)
        self.assertEqual(hours_by_volunteer([self.site_a], 2024), [])
        self.assertEqual(hours_by_volunteer([self.site_b], 2025), [])

    def test_it_shows_the_chief_the_hours_page(self):
        Assignment.objects.create(shift=self.shifts[0], user=self.volunteer_a, attended=True)
        self.login(self.chief_a)
        r = self.client.get("/s/alpha/roster/hours/?year=2025")
        self.assertContains(r, self.volunteer_a.full_name)
        self.assertEqual(self.client.get("/s/alpha/roster/hours/?year=x").status_code, 200)
        self.login(self.volunteer_a)
        self.assertEqual(self.client.get("/s/alpha/roster/hours/").status_code, 404)
