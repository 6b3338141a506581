"""The PDF a municipal committee reads: rendered, then read back as text and as page images."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from frirum.reports.render import render_report
from tests.reports.presentation_fixtures import RenderTestCase, annual_figures, previous_annual


class PdfTests(RenderTestCase):
    def render(self, language):
        return render_report(
            kind="annual",
            figures=annual_figures(),
            previous=previous_annual(),
            fmt="pdf",
            language=language,
            k=5,
        )

    def read_back(self, pdf: bytes) -> tuple[str, list[Path]]:
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        (folder / "report.pdf").write_bytes(pdf)
        text = subprocess.run(  # noqa: S603
            ["/usr/bin/pdftotext", "-layout", str(folder / "report.pdf"), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        subprocess.run(  # noqa: S603
            [
                "/usr/bin/pdftoppm",
                "-png",
                "-r",
                "50",
                str(folder / "report.pdf"),
                str(folder / "p"),
            ],
            check=True,
        )
        return text, sorted(folder.glob("p-*.png"))

    def test_it_renders_a_danish_pdf_with_title_page_tables_charts_and_appendix(self):
        pdf = self.render("da")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text, pages = self.read_back(pdf)
        self.assertGreaterEqual(len(pages), 3)
        self.assertIn("Årsrapport 2024", text)
        self.assertIn("headspace Alpha", text)
        self.assertIn("Ballerup (151)", text)  # the site's facts and the residence table
        self.assertIn("258", text)  # conversations
        self.assertIn("84", text)  # young people in counselling
        self.assertIn("<5", text)  # suppressed cells
        self.assertIn("youth.personal", text)  # the definitions appendix
        self.assertIn("2023", text)  # year-on-year comparison
        # Page images: every page has ink on it and none is blank.
        from PIL import Image

        for page in pages:
            image = Image.open(page).convert("L")
            self.assertLess(image.getextrema()[0], 128, page.name)

    def test_it_renders_in_english_when_asked(self):
        text, _pages = self.read_back(self.render("en"))
        self.assertIn("Annual report 2024", text)
        self.assertIn("Young people in personal counselling", text)
