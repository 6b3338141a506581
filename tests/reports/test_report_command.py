"""`frirum report`: JSON figures to standard output or a file, presented forms via the renderer."""

import datetime as dt
import io
import json
import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.core.management.base import CommandError

from tests.base import BaseTestCase, make_outreach
from tests.family.helpers import make_conversation
from tests.reports.factories import contact, youth

D = dt.date


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


class ReportCommandTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        young = youth(residence="151")
        contact(cls.site_a, young, D(2025, 2, 2), age=15, themes=["anxiety"])
        contact(cls.site_a, young, D(2025, 3, 3), age=15)
        contact(cls.site_a, youth(), D(2025, 3, 3), age=19)
        contact(cls.site_a, youth(), D(2024, 3, 3), age=19)
        contact(cls.chat, youth(residence="151"), D(2025, 3, 3), channel="chat")
        make_outreach(cls.site_a, 12, D(2025, 5, 5))
        make_conversation(cls.family_site, None, D(2025, 4, 4), code="F-1")

    def test_it_prints_the_annual_figures_as_json(self):
        result = json.loads(run("annual", "--site", "alpha", "--year", "2025"))
        self.assertEqual(result["youth"]["personal"], 2)
        self.assertEqual(result["youth"]["short_contacts"], 12)
        self.assertEqual(result["youth"]["chat_resident"], 1)
        self.assertEqual(result["youth"]["total"], 15)
        self.assertEqual(result["contacts"]["per_youth"], 1.5)
        self.assertEqual(result["themes"]["anxiety"], 1 / 3)
        self.assertEqual(result["report"], "annual")

    def test_it_sorts_keys_and_keeps_danish_letters(self):
        text = run("annual", "--site", "alpha-sat", "--year", "2025")
        self.assertLess(text.index('"bridging"'), text.index('"youth"'))
        self.assertIn('"municipality_name": "Furesø"', text)
        self.assertTrue(text.endswith("}\n"))

    def test_it_prints_the_national_and_family_figures(self):
        national = json.loads(run("national", "--year", "2025"))
        self.assertEqual(national["youth"]["chat"], 1)
        self.assertEqual(national["site"], None)
        family = json.loads(run("family", "--year", "2025", "--site", "fam"))
        self.assertEqual(family["conversations"]["total"], 1)
        self.assertEqual(family["conversations"]["first_meeting_share"], 1.0)
        everywhere = json.loads(run("family", "--year", "2025"))
        self.assertEqual(everywhere["relatives"]["total"], 1)

    def test_it_writes_json_to_a_file(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "report.json"
            self.assertEqual(
                run("annual", "--site", "alpha", "--year", "2024", "--output", str(path)), ""
            )
            result = json.loads(path.read_text(encoding="utf-8"))
        self.assertEqual(result["youth"]["personal"], 1)

    def test_it_refuses_an_unknown_site(self):
        with self.assertRaisesMessage(CommandError, "No site has the code 'nowhere'"):
            run("annual", "--site", "nowhere", "--year", "2025")

    def test_it_refuses_an_annual_report_without_a_site(self):
        with self.assertRaisesMessage(CommandError, "needs --site"):
            run("annual", "--year", "2025")

    def test_it_refuses_an_annual_report_for_a_family_site(self):
        with self.assertRaisesMessage(CommandError, "Family site"):
            run("annual", "--site", "fam", "--year", "2025")

    def test_it_refuses_a_family_report_for_a_centre(self):
        with self.assertRaisesMessage(CommandError, "not a Family site"):
            run("family", "--site", "alpha", "--year", "2025")

    def test_it_refuses_a_site_on_the_national_report(self):
        with self.assertRaisesMessage(CommandError, "leave out --site"):
            run("national", "--site", "alpha", "--year", "2025")

    def test_it_needs_an_output_file_for_pdf_and_xlsx(self):
        for fmt in ("pdf", "xlsx"):
            with self.subTest(fmt), self.assertRaisesMessage(CommandError, "needs --output"):
                run("annual", "--site", "alpha", "--year", "2025", "--format", fmt)

    def test_it_refuses_a_threshold_below_one(self):
        with self.assertRaisesMessage(CommandError, "--k"):
            run("national", "--year", "2025", "--format", "csv", "--k", "0")

    def test_it_hands_this_and_last_years_figures_to_the_renderer(self):
        target = "frirum.reports.management.commands.report.render.render_report"
        with mock.patch(target, return_value=b"a;b\n") as render:
            text = run(
                "annual", "--site", "alpha", "--year", "2025", "--format", "csv",
                "--language", "en", "--k", "3",
            )  # fmt: skip
        self.assertEqual(text, "a;b\n")
        call = render.call_args.kwargs
        self.assertEqual(
            (call["kind"], call["fmt"], call["language"], call["k"]), ("annual", "csv", "en", 3)
        )
        self.assertEqual(call["figures"]["year"], 2025)
        self.assertEqual(call["previous"]["year"], 2024)
        self.assertEqual(call["previous"]["youth"]["personal"], 1)

    def test_it_uses_the_configured_threshold_by_default(self):
        target = "frirum.reports.management.commands.report.render.render_report"
        with self.settings(FRIRUM_SUPPRESSION_K=7), mock.patch(target, return_value=b"") as render:
            run("national", "--year", "2025", "--format", "html")
        self.assertEqual(render.call_args.kwargs["k"], 7)
        self.assertEqual(render.call_args.kwargs["language"], "da")

    def test_it_writes_a_spreadsheet_through_the_renderer(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "report.xlsx"
            run(
                "annual",
                "--site",
                "alpha",
                "--year",
                "2025",
                "--format",
                "xlsx",
                "--output",
                str(path),
            )
            content = path.read_bytes()
        self.assertEqual(content[:2], b"PK")

    def test_it_prints_csv_through_the_renderer(self):
        text = run("national", "--year", "2025", "--format", "csv")
        self.assertTrue(text.strip())
