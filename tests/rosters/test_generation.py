import datetime as dt

from frirum.audit.models import AuditEntry
from frirum.rosters.generation import generate_shifts, planned_shifts
from frirum.rosters.models import Shift
from frirum.sites.models import ClosedDay
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase
from tests.rosters.helpers import make_template, open_weekdays


class GenerationTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        open_weekdays(cls.site_a, weekdays=(0, 3, 6))  # Monday, Thursday, Sunday 14-18
        cls.counsellors = make_template(cls.site_a, weekday=0, label="Rådgivere")
        cls.thursday = make_template(cls.site_a, weekday=3, starts=dt.time(15), ends=dt.time(20))
        cls.sunday = make_template(cls.site_a, weekday=6, starts=dt.time(10), ends=dt.time(12))
        cls.tuesday = make_template(cls.site_a, weekday=1)  # the site is closed on Tuesdays

    def test_it_makes_shifts_on_opening_days_only(self):
        shifts = planned_shifts(self.site_a, dt.date(2025, 3, 3), dt.date(2025, 3, 10))
        # Monday within the hours; Thursday cut to closing time; Sunday's template lies
        # outside the hours; Tuesday is closed.
        self.assertEqual(
            [(s.date, s.starts, s.ends) for s in shifts],
            [
                (dt.date(2025, 3, 3), dt.time(14), dt.time(18)),
                (dt.date(2025, 3, 6), dt.time(15), dt.time(18)),
            ],
        )

    def test_it_skips_closed_days_and_shortens_short_days(self):
        ClosedDay.objects.create(site=self.site_a, date=dt.date(2025, 3, 3), reason="Lukket")
        ClosedDay.objects.create(
            site=self.site_a,
            date=dt.date(2025, 3, 6),
            reason="Kort dag",
            opens=dt.time(14),
            closes=dt.time(16),
        )
        shifts = planned_shifts(self.site_a, dt.date(2025, 3, 3), dt.date(2025, 3, 10))
        self.assertEqual(
            [(s.date, s.starts, s.ends) for s in shifts],
            [(dt.date(2025, 3, 6), dt.time(15), dt.time(16))],
        )

    def test_it_keeps_local_times_across_daylight_saving_changes(self):
        # Summer time starts on Sunday 30 March 2025 and ends on Sunday 26 October 2025.
        n = generate_shifts(
            actor=self.chief_a,
            site=self.site_a,
            start=dt.date(2025, 3, 24),
            end=dt.date(2025, 4, 1),
        )
        n += generate_shifts(
            actor=self.chief_a,
            site=self.site_a,
            start=dt.date(2025, 10, 20),
            end=dt.date(2025, 10, 28),
        )
        self.assertEqual(n, 6)
        mondays = Shift.objects.filter(template=self.counsellors).order_by("date")
        self.assertEqual(
            [s.date for s in mondays],
            [
                dt.date(2025, 3, 24),
                dt.date(2025, 3, 31),
                dt.date(2025, 10, 20),
                dt.date(2025, 10, 27),
            ],
        )
        for shift in mondays:
            self.assertEqual((shift.starts, shift.ends), (dt.time(14), dt.time(18)))
            self.assertEqual(shift.starts_at.astimezone(ZONE).hour, 14)
            self.assertEqual(shift.hours, 4)
        utc_hours = [s.starts_at.hour for s in mondays]
        # 14:00 is 13:00 UTC in winter and 12:00 UTC in summer.
        self.assertEqual(utc_hours, [13, 12, 12, 13])

    def test_it_generates_once_and_audits(self):
        args = {
            "actor": self.chief_a,
            "site": self.site_a,
            "start": dt.date(2025, 3, 1),
            "end": dt.date(2025, 4, 1),
        }
        first = generate_shifts(**args)
        self.assertEqual(first, 9)  # five Mondays and four Thursdays in March 2025
        self.assertEqual(generate_shifts(**args), 0)
        self.assertEqual(Shift.objects.count(), 9)
        self.assertEqual(AuditEntry.objects.filter(object_type="rosters.shift").count(), 2)

    def test_it_makes_nothing_for_a_site_without_hours_or_templates(self):
        self.assertEqual(planned_shifts(self.site_b, dt.date(2025, 1, 1), dt.date(2026, 1, 1)), [])

    def test_it_respects_the_templates_validity(self):
        self.counsellors.valid_to = dt.date(2025, 3, 9)
        self.counsellors.save(update_fields=["valid_to"])
        shifts = planned_shifts(self.site_a, dt.date(2025, 3, 3), dt.date(2025, 3, 17))
        self.assertEqual(
            [s.date for s in shifts if s.template == self.counsellors], [dt.date(2025, 3, 3)]
        )

    def test_it_generates_a_year_in_a_few_queries(self):
        with self.assertNumQueries(8):
            # savepoint and release, existing, templates, hours, closed days, insert, audit
            n = generate_shifts(
                actor=self.chief_a,
                site=self.site_a,
                start=dt.date(2025, 1, 1),
                end=dt.date(2026, 1, 1),
            )
        self.assertEqual(n, 52 + 52)
