"""Coverage of the country: site per municipality, reach by residence, suppression, downloads."""

import csv
import io
import json

from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from frirum.planning import figures
from frirum.planning.coverage import build_coverage
from frirum.sites.models import Municipality
from tests.base import BaseTestCase, make_contact, make_youth


def set_population(code: str, total: int, young: int) -> Municipality:
    municipality = Municipality.objects.get(code=code)
    municipality.population_total = total
    municipality.population_12_25 = young
    municipality.population_year = 2025
    municipality.save()
    return municipality


@override_settings(FRIRUM_SUPPRESSION_K=5)
class CoverageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        set_population("151", 52_000, 8_000)  # Ballerup: the hub
        set_population("190", 41_000, 6_000)  # Furesø: a satellite
        set_population("101", 650_000, 150_000)  # København: a centre
        cls.ishoj = set_population("183", 24_000, 4_000)  # Ishøj: no site
        cls.greve = set_population("253", 50_000, 8_000)  # Greve: no site
        # Ishøj: 12 young people, 2 of them only on the chat; Greve: 3 (a small number).
        for number in range(12):
            youth = make_youth(cls.site_a, residence_municipality=cls.ishoj)
            make_contact(cls.chat if number < 2 else cls.site_a, youth, date=cls.day())
        for _number in range(3):
            make_contact(
                cls.site_b, make_youth(cls.site_b, residence_municipality=cls.greve), cls.day()
            )
        # Ballerup: 7 young people, one of them twice; one without a residence.
        for _number in range(7):
            youth = make_youth(cls.site_a, residence_municipality=cls.ballerup)
            make_contact(cls.site_a, youth, cls.day())
        make_contact(cls.site_a, youth, cls.day())
        make_contact(cls.site_a, make_youth(cls.site_a), cls.day())
        # Another year does not count.
        make_contact(
            cls.site_a,
            make_youth(cls.site_a, residence_municipality=cls.greve),
            date=cls.day().replace(year=2023),
        )

    @staticmethod
    def day():
        import datetime as dt

        return dt.date(2024, 5, 6)

    def by_code(self, result):
        return {row["code"]: row for row in result["municipalities"]}

    def test_it_gives_every_municipality_its_site_and_reach(self):
        result = figures.coverage(year=2024)
        rows = self.by_code(result)
        self.assertEqual(len(rows), 98)
        self.assertEqual(rows["151"]["site"], "hub")
        self.assertEqual(rows["190"]["site"], "satellite")
        self.assertEqual(rows["101"]["site"], "centre")
        self.assertEqual(rows["183"]["site"], "none")
        self.assertEqual(rows["751"]["site"], "none")  # Aarhus has only a Family site
        self.assertEqual(rows["183"]["reached"], 12)  # the chat's two included
        self.assertEqual(rows["253"]["reached"], 3)
        self.assertEqual(rows["151"]["reached"], 7)
        self.assertAlmostEqual(rows["183"]["reached_per_1000"], 12 / 4000 * 1000)
        national = result["national"]
        self.assertEqual(national["reached_unknown_residence"], 1)
        self.assertEqual(national["reached"], 23)
        # 8,000 + 6,000 + 150,000 of 176,000 young people live where there is a site.
        self.assertAlmostEqual(national["share_12_25_with_site"], 164_000 / 176_000)

    def test_it_hides_small_counts_and_the_rates_resting_on_them(self):
        table = build_coverage(figures.coverage(year=2024), k=5)
        rows = {row.code: row for row in table.rows}
        self.assertEqual(rows["253"].reached.text, "<5")
        self.assertEqual(rows["253"].per_1000.text, "\u2013")
        # The unknown residence (1) is hidden too; the two hidden cells cannot be told apart.
        self.assertTrue(table.reached_unknown.is_suppressed)
        self.assertEqual(rows["183"].reached.text, "12")
        self.assertEqual(rows["183"].per_1000.text, "3,0")
        self.assertEqual(rows["101"].reached.text, "0")

    def test_it_ranks_municipalities_without_a_site_by_shown_reach_hidden_last(self):
        table = build_coverage(figures.coverage(year=2024), k=5)
        ranked = [row.code for row in table.without_site]
        self.assertEqual(ranked[0], "183")
        self.assertEqual(ranked[-1], "253")  # hidden: last, whatever its size
        self.assertNotIn("151", ranked)

    def test_it_shows_the_page_and_downloads_to_the_secretariat(self):
        self.login(self.secretariat)
        response = self.client.get(reverse("planning:coverage"), {"year": 2024})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ishøj")
        self.assertContains(response, "&lt;5")
        body = self.client.get(
            reverse("planning:coverage_download", args=["csv"]), {"year": 2024}
        ).content.decode("utf-8-sig")
        rows = {row["municipality_code"]: row for row in csv.DictReader(io.StringIO(body))}
        self.assertEqual(len(rows), 99)  # 98 and the unknown residence
        self.assertEqual(rows["253"]["reached"], "<5")
        self.assertEqual(rows["253"]["reached_per_1000"], "\u2013")
        self.assertEqual(rows["183"]["reached"], "12")
        xlsx = self.client.get(reverse("planning:coverage_download", args=["xlsx"]), {"year": 2024})
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        self.assertIn("Ishøj", values)
        self.assertNotIn(
            3, [row[7].value for row in sheet.iter_rows(min_row=5) if row[0].value == "253"]
        )
        exact = json.loads(
            self.client.get(
                reverse("planning:coverage_download", args=["json"]), {"year": 2024}
            ).content
        )
        self.assertEqual(self.by_code(exact)["253"]["reached"], 3)

    def test_it_hides_coverage_from_every_other_role(self):
        for user in (self.chief_a, self.volunteer_a, self.viewer_ballerup, self.outsider):
            self.login(user)
            self.assertEqual(self.client.get(reverse("planning:coverage")).status_code, 404)
            url = reverse("planning:coverage_download", args=["json"])
            self.assertEqual(self.client.get(url).status_code, 404)

    def test_it_refuses_an_unknown_format_and_a_bad_k(self):
        self.login(self.secretariat)
        self.assertEqual(
            self.client.get(reverse("planning:coverage_download", args=["exe"])).status_code, 404
        )
        response = self.client.get(reverse("planning:coverage_download", args=["csv"]), {"k": "x"})
        self.assertEqual(response.status_code, 400)


class EmptyCoverageTests(BaseTestCase):
    def test_it_shows_the_country_without_population_or_contacts(self):
        result = figures.coverage(year=2024)
        self.assertEqual(result["national"]["share_12_25_with_site"], 0.0)
        table = build_coverage(result, k=5)
        self.assertEqual(table.share_with_site.text, "")
        self.login(self.secretariat)
        self.assertEqual(self.client.get(reverse("planning:coverage")).status_code, 200)
