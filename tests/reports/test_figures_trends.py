"""National trends: contacts, theme shares and average age per year."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.reports import figures
from tests.base import BaseTestCase
from tests.reports.factories import contact, youth

D = dt.date


class TrendsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        y1, y2 = youth(), youth()
        # 2023: y1's first contact at 14 (the same-day tie goes to the smaller code), y2 unknown.
        contact(cls.site_a, y1, D(2023, 3, 1), code="C-2", age=15, themes=["stress"])
        contact(cls.site_a, y1, D(2023, 3, 1), code="C-10", age=14, themes=["stress", "grief"])
        contact(cls.site_b, y2, D(2023, 5, 1), themes=["grief"])
        # 2024: nothing. 2025: y1 at 16 and 17, y2 at 20 on the satellite.
        contact(cls.site_a, y1, D(2025, 1, 1), age=16, themes=["loneliness"])
        contact(cls.site_a, y1, D(2025, 2, 1), age=17)
        contact(cls.satellite_a, y2, D(2025, 2, 1), age=20)
        # The chat is not in the trends.
        contact(cls.chat, youth(), D(2025, 2, 1), age=40, channel="chat", themes=["grief"])

    def test_it_spans_the_years_of_the_data(self):
        result = figures.trends()
        self.assertEqual(result["years"], [2023, 2024, 2025])
        self.assertEqual(result["contacts_total"], [3, 0, 3])
        self.assertEqual(result["youth_personal"], [2, 0, 2])

    def test_it_shares_themes_per_year(self):
        themes = figures.trends()["themes"]
        self.assertEqual(themes["stress"], [2 / 3, 0.0, 0.0])
        self.assertEqual(themes["grief"], [2 / 3, 0.0, 0.0])
        self.assertEqual(themes["loneliness"], [0.0, 0.0, 1 / 3])

    def test_it_means_the_age_at_each_young_persons_first_contact_of_the_year(self):
        result = figures.trends()
        self.assertEqual(result["average_age"], [14.0, None, 18.0])
        self.assertEqual(result["average_age_known"], [1, 0, 2])

    def test_it_keeps_to_the_years_asked_for(self):
        result = figures.trends(first_year=2024, last_year=2026)
        self.assertEqual(result["years"], [2024, 2025, 2026])
        self.assertEqual(result["contacts_total"], [0, 3, 0])

    def test_it_is_empty_without_contacts(self):
        result = figures.trends(first_year=2010, last_year=2011)
        self.assertEqual(result["contacts_total"], [0, 0])
        self.assertEqual(result["themes"], {})
        self.assertEqual(result["average_age"], [None, None])

    def test_it_keeps_the_number_of_queries_as_years_grow(self):
        with CaptureQueriesContext(connection) as short:
            figures.trends(first_year=2025, last_year=2025)
        with CaptureQueriesContext(connection) as long:
            figures.trends(first_year=2015, last_year=2025)
        self.assertEqual(len(short), len(long))
