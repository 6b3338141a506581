"""The year list holds the years with data; the running year is compared with the same
period of the year before; years without data are named, never shown as zeros."""

import datetime as dt
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from tests.base import BaseTestCase, make_contact, make_youth
from tests.reports.test_views_caching import FreshCacheMixin

TODAY = dt.date(2026, 6, 15)


class YearsTests(FreshCacheMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Alpha: 2022 and 2025 have data (none in 2023-2024); 2026 runs until 15 June with six
        # conversations; 2025 has 30 up to 15 June (February to June) and six in September.
        for year, months in ((2022, [3]), (2025, [2, 3, 4, 5, 6, 9]), (2026, [1, 2, 3])):
            for month in months:
                for n in range(6 if year == 2025 else 2):
                    youth = make_youth(cls.site_a, residence_municipality=cls.ballerup)
                    make_contact(cls.site_a, youth, dt.date(year, month, 1 + n), age=16)

    def setUp(self):
        super().setUp()
        patcher = mock.patch.object(timezone, "localdate", return_value=TODAY)
        patcher.start()
        self.addCleanup(patcher.stop)

    def page(self, **params):
        self.login(self.chief_a)
        return self.client.get(reverse("reports:annual", args=["alpha"]), params)

    def test_it_lists_only_the_years_with_data(self):
        response = self.page()
        choices = [
            value for value, _label in response.context["options_form"].fields["year"].choices
        ]
        self.assertEqual(choices, [2026, 2025, 2022])
        self.assertContains(response, "2026 (indtil nu)")
        # The last completed year with data is the default.
        self.assertEqual(response.context["report"].year, 2025)

    def test_it_says_no_data_for_the_year_before_instead_of_zeros(self):
        response = self.page(year=2025)
        report = response.context["report"]
        self.assertEqual(report.previous_without_data, 2024)
        self.assertIsNone(report.comparison)
        self.assertContains(response, "2024: ingen data")
        self.assertNotContains(response, "2024: 0")
        self.assertNotContains(response, "Ændring")

    def test_it_compares_the_running_year_with_the_same_period_the_year_before(self):
        response = self.page(year=2026)
        report = response.context["report"]
        self.assertEqual(str(report.until), "2026-06-15")
        self.assertEqual(report.year_label, "1. januar\u201315. juni 2026")
        self.assertEqual(report.previous_label, "1. januar\u201315. juni 2025")
        conversations = {row.key: row for row in report.comparison.rows}["contacts.total"]
        self.assertEqual(conversations.current.value, 6)
        # 2025 up to 15 June: February to June, not September.
        self.assertEqual(conversations.previous.value, 30)
        self.assertContains(response, "samme periode året før")
        self.assertContains(response, "1.1.\u201315.6.2026")

    def test_it_opens_a_link_to_a_year_without_data_and_says_so(self):
        response = self.page(year=2023)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.context["report"].has_data)
        self.assertContains(response, "2023: ingen data")

    def test_it_refuses_a_year_in_the_future_next_to_the_field(self):
        response = self.page(year=2031)
        self.assertTrue(response.context["options_form"].errors["year"])

    def test_it_downloads_the_running_year_as_its_period(self):
        self.login(self.chief_a)
        url = reverse("reports:annual_download", args=["alpha", "json"])
        figures = self.client.get(url, {"year": 2026}).json()
        self.assertEqual(figures["until"], "2026-06-15")
        self.assertEqual(figures["contacts"]["total"], 6)


class TrendsYearsTests(FreshCacheMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for year in (2022, 2025, 2026):
            for n in range(6):
                youth = make_youth(cls.site_a, residence_municipality=cls.ballerup)
                make_contact(cls.site_a, youth, dt.date(year, 3, 1 + n), age=16 + n % 3)

    def setUp(self):
        super().setUp()
        patcher = mock.patch.object(timezone, "localdate", return_value=TODAY)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_it_leaves_out_years_without_data_and_labels_the_running_year(self):
        self.login(self.secretariat)
        response = self.client.get(reverse("reports:trends"))
        trends = response.context["trends"]
        self.assertEqual(trends.years, [2022, 2025, 2026])
        self.assertEqual(trends.without_data, [2023, 2024])
        self.assertEqual(trends.labels[-1], "1.1.\u201315.6.2026")
        self.assertContains(response, "Ingen data for 2023, 2024")
        self.assertContains(response, "2026 er ikke slut")
        for row in trends.overview:
            self.assertEqual(len(row.cells), 3)
