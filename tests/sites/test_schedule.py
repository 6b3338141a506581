"""frirum.sites.schedule: weekly hours, validity, closed days and summer time."""

import datetime as dt

from frirum.core.demo.closed_days import easter_sunday, holidays
from frirum.sites.models import ClosedDay, OpeningHours
from frirum.sites.schedule import (
    ZONE,
    calendars,
    current_opening,
    local_datetime,
    next_opening,
    open_now,
    opening_times,
)
from tests.base import BaseTestCase

UTC = dt.UTC


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ZONE)


class ScheduleTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for weekday in range(5):
            OpeningHours.objects.create(
                site=cls.site_a, weekday=weekday, opens=dt.time(13), closes=dt.time(18)
            )
        # The chat: every night around the change of clocks, including Sunday 01:00-04:00.
        OpeningHours.objects.create(site=cls.chat, weekday=6, opens=dt.time(1), closes=dt.time(4))
        OpeningHours.objects.create(site=cls.chat, weekday=6, opens=dt.time(18), closes=dt.time(22))

    def test_it_is_open_within_the_weekly_hours_only(self):
        # Tuesday 3 March 2026.
        self.assertTrue(open_now(self.site_a, local(2026, 3, 3, 13, 0)))
        self.assertTrue(open_now(self.site_a, local(2026, 3, 3, 17, 59)))
        self.assertFalse(open_now(self.site_a, local(2026, 3, 3, 18, 0)))
        self.assertFalse(open_now(self.site_a, local(2026, 3, 3, 12, 59)))
        self.assertFalse(open_now(self.site_a, local(2026, 3, 7, 14, 0)))  # Saturday

    def test_it_answers_for_an_instant_in_utc(self):
        # 12:30 UTC is 13:30 in Copenhagen in winter, 14:30 in summer.
        self.assertTrue(open_now(self.site_a, dt.datetime(2026, 3, 3, 12, 30, tzinfo=UTC)))
        self.assertFalse(open_now(self.site_a, dt.datetime(2026, 3, 3, 11, 30, tzinfo=UTC)))
        self.assertTrue(open_now(self.site_a, dt.datetime(2026, 6, 2, 11, 30, tzinfo=UTC)))

    def test_it_keeps_wall_clock_hours_across_summer_time(self):
        # Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
        march = opening_times(self.chat, dt.date(2026, 3, 29), dt.date(2026, 3, 30))
        evening = march[1]
        self.assertEqual(evening.start.astimezone(UTC), dt.datetime(2026, 3, 29, 16, tzinfo=UTC))
        self.assertEqual(evening.end - evening.start, dt.timedelta(hours=4))
        # 01:00-04:00 on the spring night lasts two hours: 02:00-03:00 never happens.
        night = march[0]
        self.assertEqual(night.end - night.start, dt.timedelta(hours=2))
        october = opening_times(self.chat, dt.date(2026, 10, 25), dt.date(2026, 10, 26))
        self.assertEqual(october[0].end - october[0].start, dt.timedelta(hours=4))
        self.assertEqual(
            october[1].start.astimezone(UTC), dt.datetime(2026, 10, 25, 17, tzinfo=UTC)
        )

    def test_it_moves_a_time_in_the_skipped_hour_forward(self):
        moved = local_datetime(dt.date(2026, 3, 29), dt.time(2, 30))
        self.assertEqual(moved.astimezone(UTC), dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC))
        self.assertEqual(moved.astimezone(ZONE).time(), dt.time(3, 30))

    def test_it_is_open_at_the_right_instants_on_the_autumn_night(self):
        # 02:30 happens twice; both are within 01:00-04:00.
        first = dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
        second = dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
        self.assertTrue(open_now(self.chat, first))
        self.assertTrue(open_now(self.chat, second))
        self.assertFalse(open_now(self.chat, dt.datetime(2026, 10, 25, 3, 0, tzinfo=UTC)))

    def test_it_lets_a_closed_day_override_the_weekly_hours(self):
        ClosedDay.objects.create(site=self.site_a, date=dt.date(2026, 4, 2), reason="Skærtorsdag")
        self.assertFalse(open_now(self.site_a, local(2026, 4, 2, 14, 0)))
        self.assertTrue(open_now(self.site_a, local(2026, 4, 1, 14, 0)))
        self.assertFalse(open_now(self.satellite_a, local(2026, 4, 2, 14, 0)))

    def test_it_opens_only_the_short_days_own_hours(self):
        ClosedDay.objects.create(
            site=self.site_a,
            date=dt.date(2026, 12, 23),
            reason="Lille juleaften",
            opens=dt.time(11),
            closes=dt.time(15),
        )
        opening = current_opening(self.site_a, local(2026, 12, 23, 11, 30))
        self.assertIsNotNone(opening)
        self.assertEqual(opening.note, "Lille juleaften")
        self.assertFalse(open_now(self.site_a, local(2026, 12, 23, 16, 0)))

    def test_it_uses_each_rows_validity(self):
        row = OpeningHours.objects.get(site=self.site_a, weekday=0)
        row.valid_to = dt.date(2026, 5, 31)
        row.save(update_fields=["valid_to"])
        OpeningHours.objects.create(
            site=self.site_a,
            weekday=0,
            opens=dt.time(10),
            closes=dt.time(14),
            valid_from=dt.date(2026, 6, 1),
        )
        self.assertTrue(open_now(self.site_a, local(2026, 5, 25, 17, 0)))
        self.assertFalse(open_now(self.site_a, local(2026, 6, 1, 17, 0)))
        self.assertTrue(open_now(self.site_a, local(2026, 6, 1, 10, 30)))

    def test_it_finds_the_next_opening_after_a_holiday(self):
        for day in range(2, 7):
            ClosedDay.objects.create(site=self.site_a, date=dt.date(2026, 4, day))
        upcoming = next_opening(self.site_a, local(2026, 4, 1, 19, 0))
        self.assertEqual(upcoming.date, dt.date(2026, 4, 7))
        self.assertIsNone(next_opening(self.site_b, local(2026, 4, 1, 19, 0)))

    def test_it_reads_many_sites_in_two_queries(self):
        sites = [self.site_a, self.satellite_a, self.site_b, self.chat, self.family_site]
        with self.assertNumQueries(2):
            result = calendars(sites, dt.date(2026, 3, 2), dt.date(2026, 3, 16))
        self.assertEqual(len(result[self.site_a.pk]), 14)
        self.assertEqual(sum(day.is_open for day in result[self.site_a.pk]), 10)
        self.assertEqual(result[self.site_b.pk][0].openings, ())

    def test_it_gives_nothing_for_an_empty_range(self):
        self.assertEqual(opening_times(self.site_a, dt.date(2026, 3, 3), dt.date(2026, 3, 3)), [])


class DemoHolidayTests(BaseTestCase):
    def test_it_knows_easter(self):
        self.assertEqual(easter_sunday(2025), dt.date(2025, 4, 20))
        self.assertEqual(easter_sunday(2026), dt.date(2026, 4, 5))
        self.assertEqual(easter_sunday(2027), dt.date(2027, 3, 28))

    def test_it_lists_the_danish_holidays(self):
        names = dict(holidays(2026))
        self.assertEqual(names[dt.date(2026, 4, 3)], "Langfredag")
        self.assertEqual(names[dt.date(2026, 5, 14)], "Kristi himmelfartsdag")
        self.assertEqual(names[dt.date(2026, 12, 24)], "Jul")
