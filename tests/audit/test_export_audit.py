"""Exports and downloads of reports are in the audit trail (issue 9, point 8): who, when,
what; never a questionnaire code. A download leaves the report cache warm."""

import io
import json
import tempfile
from pathlib import Path

from django.core.management import call_command

from frirum.audit.models import AuditEntry
from frirum.reports import caching
from tests.base import BaseTestCase, make_contact


class ExportAuditTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.contact = make_contact(cls.site_a)

    def exports(self):
        return AuditEntry.objects.filter(action="export")

    def test_it_records_who_downloaded_which_report_year_and_format(self):
        self.login(self.chief_a)
        r = self.client.get("/reports/annual/alpha/download.csv?year=2025")
        self.assertEqual(r.status_code, 200)
        entry = self.exports().get()
        self.assertEqual(entry.actor, self.chief_a)
        self.assertEqual(entry.site, self.site_a)
        self.assertEqual(entry.object_type, "reports.annual")
        self.assertEqual(entry.object_code, "alpha")
        self.assertEqual(entry.changes["format"], [None, "csv"])
        self.assertEqual(entry.changes["year"], [None, 2025])
        self.assertEqual(entry.changes["via"], [None, "web"])
        self.assertIsNotNone(entry.at)

    def test_it_records_every_format_and_the_national_reports(self):
        self.login(self.secretariat)
        for url in (
            "/reports/annual/alpha/download.xlsx?year=2025",
            "/reports/annual/alpha/download.json?year=2025",
            "/reports/national/download.csv?year=2025",
            "/reports/family/download.json?year=2025",
            "/reports/family/fam/download.csv?year=2025",
        ):
            self.assertEqual(self.client.get(url).status_code, 200, url)
        self.assertEqual(
            sorted(self.exports().values_list("object_type", "changes__format")),
            sorted(
                [
                    ("reports.annual", [None, "xlsx"]),
                    ("reports.annual", [None, "json"]),
                    ("reports.national", [None, "csv"]),
                    ("reports.family", [None, "json"]),
                    ("reports.family", [None, "csv"]),
                ]
            ),
        )

    def test_it_records_nothing_for_a_refused_download(self):
        self.login(self.volunteer_a)
        self.assertEqual(self.client.get("/reports/annual/alpha/download.csv").status_code, 404)
        self.login(self.chief_b)
        self.assertEqual(self.client.get("/reports/annual/alpha/download.csv").status_code, 404)
        self.login(self.chief_a)
        self.client.get("/reports/annual/alpha/download.exe")
        self.client.get("/reports/annual/alpha/download.csv?year=1066")
        self.assertFalse(self.exports().exists())

    def test_it_shows_downloads_in_the_sites_change_log(self):
        self.login(self.chief_a)
        self.client.get("/reports/annual/alpha/download.csv?year=2025")
        r = self.client.get("/s/alpha/log/?action=export")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "reports.annual")

    def test_it_keeps_the_report_cache_warm_across_a_download(self):
        version = caching.data_version()
        self.login(self.chief_a)
        self.client.get("/reports/annual/alpha/download.csv?year=2025")
        self.assertTrue(self.exports().exists())
        self.assertEqual(caching.data_version(), version)

    def test_it_never_records_a_questionnaire_code(self):
        self.login(self.volunteer_a)
        r = self.client.post(f"/questionnaires/contacts/{self.contact.code}/code/")
        code = r.context["code"]
        plain = code.replace("-", "").replace(" ", "")
        self.login(self.chief_a)
        # Whatever else a URL carries stays out of the trail.
        self.client.get(f"/reports/annual/alpha/download.csv?year=2025&code={plain}&q={code}")
        trail = json.dumps(
            list(AuditEntry.objects.values("object_type", "object_id", "object_code", "changes"))
        )
        self.assertTrue(self.exports().exists())
        self.assertNotIn(plain, trail)
        self.assertNotIn(code, trail)

    def test_it_records_the_report_command(self):
        call_command("report", "annual", "--year", "2025", "--site", "alpha", stdout=io.StringIO())
        entry = self.exports().get()
        self.assertIsNone(entry.actor)
        self.assertEqual(entry.object_type, "reports.annual")
        self.assertEqual(entry.site, self.site_a)
        self.assertEqual(entry.changes["via"], [None, "command"])
        self.assertEqual(entry.changes["format"], [None, "json"])
        self.assertIn("by", entry.changes)  # the operating system account that ran it

    def test_it_records_the_export_command(self):
        with tempfile.TemporaryDirectory() as folder:
            call_command(
                "export",
                str(Path(folder) / "out.zip"),
                "--site",
                "alpha",
                "--from",
                "2025-01-01",
                stdout=io.StringIO(),
            )
        entry = self.exports().get()
        self.assertEqual(entry.object_type, "interchange.dataset")
        self.assertEqual(entry.site, self.site_a)
        self.assertEqual(entry.changes["format"], [None, "zip"])
        self.assertEqual(entry.changes["from"], [None, "2025-01-01"])

    def test_it_records_nothing_for_a_refused_command(self):
        with self.assertRaises(Exception):  # noqa: B017
            call_command("report", "annual", "--year", "2025", "--site", "nope")
        self.assertFalse(self.exports().exists())
