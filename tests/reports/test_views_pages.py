"""The report pages: figures from the database, presented with suppression, options checked."""

import datetime as dt
import json
from unittest import mock

from django.urls import reverse

from frirum.sites.models import Site, SiteKind
from tests.base import BaseTestCase, make_contact, make_outreach, make_youth
from tests.reports.presentation_fixtures import annual_figures, previous_annual
from tests.reports.test_views_caching import FreshCacheMixin


class AnnualPageTests(FreshCacheMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # 2024 at Alpha: six young people, eight conversations (six in person, two by phone).
        for n in range(6):
            youth = make_youth(cls.site_a, residence_municipality=cls.ballerup)
            make_contact(cls.site_a, youth, dt.date(2024, 3, 1 + n), age=16, themes=["anxiety"])
            if n < 2:
                make_contact(cls.site_a, youth, dt.date(2024, 4, 1 + n), channel="phone", age=16)
        make_outreach(cls.site_a, short_contacts=40, date=dt.date(2024, 5, 1))

    def page(self, user, **params):
        self.login(user)
        return self.client.get(reverse("reports:annual", args=["alpha"]), {"year": 2024, **params})

    def test_it_shows_the_figures_with_small_numbers_hidden(self):
        response = self.page(self.viewer_ballerup)
        self.assertEqual(response.status_code, 200)
        report = response.context["report"]
        rows = {row.key: row for row in report.sections[0].tables[0].rows}
        self.assertEqual(rows["personal"].current.text, "6")
        self.assertEqual(rows["short_contacts"].current.text, "40")
        channels = {row.key: row.current.text for row in report.sections[1].tables[0].rows}
        # Two phone conversations: hidden, and the next smallest non-zero (6 in person) too.
        self.assertEqual(channels["phone"], "<5")
        self.assertEqual(channels["in_person"], "\u2013")
        self.assertContains(response, "Årsrapport 2024")
        self.assertContains(response, "<svg", html=False)
        self.assertNotContains(response, "download.json")

    def test_it_offers_exact_figures_to_the_chief(self):
        response = self.page(self.chief_a)
        self.assertContains(response, reverse("reports:annual_download", args=["alpha", "json"]))
        self.login(self.chief_a)
        response = self.client.get(
            reverse("reports:annual_download", args=["alpha", "json"]), {"year": 2024}
        )
        figures = json.loads(response.content)
        self.assertEqual(figures["contacts"]["by_channel"]["phone"], 2)
        self.assertEqual(figures["youth"]["personal"], 6)

    def test_it_lets_the_chief_lower_k_but_not_the_municipality(self):
        response = self.page(self.chief_a, k=1)
        channels = {
            row.key: row.current.text
            for row in response.context["report"].sections[1].tables[0].rows
        }
        self.assertEqual(channels["phone"], "2")
        response = self.page(self.viewer_ballerup, k=1)
        self.assertEqual(response.context["report"].k, 5)
        self.assertContains(response, "Antal under 5 skjules altid.")
        self.login(self.viewer_ballerup)
        response = self.client.get(
            reverse("reports:annual_download", args=["alpha", "csv"]), {"year": 2024, "k": 1}
        )
        self.assertEqual(response.status_code, 400)

    def test_it_keeps_bad_options_with_an_error_next_to_the_field(self):
        response = self.page(self.secretariat, year="1999", k="x")
        self.assertEqual(response.status_code, 200)
        form = response.context["options_form"]
        self.assertIn("year", form.errors)
        self.assertIn("k", form.errors)
        self.assertContains(response, 'value="x"')

    def test_it_downloads_each_format(self):
        self.login(self.viewer_ballerup)
        for fmt, start in (("csv", b"\xef\xbb\xbfsection"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
            response = self.client.get(
                reverse("reports:annual_download", args=["alpha", fmt]), {"year": 2024}
            )
            self.assertEqual(response.status_code, 200, fmt)
            self.assertTrue(response.content.startswith(start), fmt)
            self.assertIn("aarsrapport-alpha-2024", response["Content-Disposition"])

    def test_it_renders_an_empty_year(self):
        response = self.page(self.secretariat, year=2019)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Årsrapport 2019")

    def test_it_renders_large_figures_from_the_figures_functions(self):
        with mock.patch("frirum.reports.views.figures.annual") as annual:
            annual.side_effect = lambda site, year, until=None: (
                annual_figures(year) if year == 2024 else previous_annual(year)
            )
            response = self.page(self.secretariat)
        self.assertContains(response, "258")
        self.assertContains(response, "Gjort opmærksom på nye aktører")


class IndexQueryTests(FreshCacheMixin, BaseTestCase):
    def test_it_lists_reports_in_a_fixed_number_of_queries(self):
        self.login(self.secretariat)
        url = reverse("reports:index")
        self.client.get(url)
        # Session, user, the report sites, the navigation's sites: however many sites there are.
        with self.assertNumQueries(4):
            self.client.get(url)
        for n in range(5):
            Site.objects.create(
                code=f"extra-{n}", name=f"Extra {n}", kind=SiteKind.CENTRE, municipality=self.aarhus
            )
        with self.assertNumQueries(4):
            response = self.client.get(url)
        self.assertContains(response, "Extra 4")


class TrendsPageTests(FreshCacheMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for year, age in ((2022, 16), (2023, 18)):
            for _n in range(6):
                make_contact(
                    cls.site_a,
                    make_youth(cls.site_a),
                    dt.date(year, 2, 1),
                    age=age,
                    themes=["stress"],
                )

    def test_it_shows_themes_and_average_age_over_the_years(self):
        self.login(self.secretariat)
        response = self.client.get(reverse("reports:trends"))
        self.assertEqual(response.status_code, 200)
        trends = response.context["trends"]
        self.assertEqual(trends.years, [2022, 2023])
        age = next(row for row in trends.overview if row.code == "age")
        self.assertEqual([cell.text for cell in age.cells], ["16,0", "18,0"])
        stress = next(row for row in trends.themes if row.code == "stress")
        self.assertEqual([cell.text for cell in stress.cells], ["100 %", "100 %"])
        self.assertContains(response, "chart-trend-age-title")
        self.assertContains(response, "chart-trend-themes-title")

    def test_it_hides_years_with_too_few_young_people(self):
        self.login(self.secretariat)
        response = self.client.get(reverse("reports:trends"), {"k": 10})
        age = next(row for row in response.context["trends"].overview if row.code == "age")
        self.assertEqual([cell.text for cell in age.cells], ["\u2013", "\u2013"])
