"""The PDF a municipal committee reads: rendered, then read back as text and as page images."""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

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
        # The appendix names each figure as the report does, in Danish, not by its code.
        appendix = text.split("Bilag: definitioner af tallene")[1]
        self.assertIn("Unge i personlig rådgivning", appendix)
        self.assertIn("Samtaler med brobygning", appendix)
        self.assertNotIn("youth.personal", text)
        self.assertNotIn("bridging.contacts", text)
        self.assertIn("2023", text)  # year-on-year comparison
        # Page images: every page has ink on it and none is blank.
        from PIL import Image

        for page in pages:
            image = Image.open(page).convert("L")
            self.assertLess(image.getextrema()[0], 128, page.name)

    def test_it_is_a_tagged_pdf_ua_document(self):
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        (folder / "report.pdf").write_bytes(self.render("da"))
        info = pdfinfo(folder / "report.pdf")
        self.assertIn("Tagged:          yes", info)
        self.assertIn("PDF version:     1.7", info)
        structure = pdfinfo(folder / "report.pdf", "-struct")
        for tag in ("H1", "H2", "Table", "TH", "TD", "Figure"):
            self.assertIn(tag, structure)

    def test_it_prints_chart_text_at_11pt_or_more(self):
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        (folder / "report.pdf").write_bytes(self.render("da"))
        heights = word_heights(folder / "report.pdf", "Fremmøde")
        # Once in the table (9.5pt), once in the chart: IBM Plex's box is 1.3 times its size.
        self.assertEqual(len(heights), 2)
        self.assertGreaterEqual(max(heights) / 1.3, 11)

    def test_it_says_no_data_for_a_year_without_any(self):
        empty = {"report": "annual", "year": 2023, "site": {"code": "alpha"}}
        pdf = render_report(
            kind="annual", figures=annual_figures(), previous=empty, fmt="pdf", language="da", k=5
        )
        text, _pages = self.read_back(pdf)
        self.assertIn("2023: ingen data", text)
        self.assertNotIn("2023: 0", text)
        self.assertNotIn("Ændring", text)

    def test_it_renders_in_english_when_asked(self):
        text, _pages = self.read_back(self.render("en"))
        self.assertIn("Annual report 2024", text)
        self.assertIn("Young people in personal counselling", text)


def pdfinfo(path: Path, *options: str) -> str:
    return subprocess.run(  # noqa: S603
        ["/usr/bin/pdfinfo", *options, str(path)], capture_output=True, check=True, text=True
    ).stdout


def word_heights(path: Path, word: str) -> list[float]:
    """The heights of every occurrence of the word (pdftotext's boxes, in points)."""
    import re

    html = subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    pattern = rf'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{re.escape(word)}</word>'
    return [float(y_max) - float(y_min) for y_min, y_max in re.findall(pattern, html)]


@pytest.mark.django_db
def test_it_keeps_the_demo_centre_report_compact():
    """A centre's annual report of the demo, for a full year (the year before has no data)
    and for the running year against the same period: 6-11 pages, none nearly empty (11 since
    the volunteer section, issue 14: its table and five definitions; the lead may prefer to
    trim elsewhere)."""
    import io

    from django.core.management import call_command
    from django.db.models import Max

    from frirum.contacts.models import Contact
    from frirum.reports import figures
    from frirum.reports.render.model import same_day
    from frirum.sites.models import Site, SiteKind

    call_command("demo", "--scale", "0.5", "--seed", "7", stdout=io.StringIO())
    last = Contact.objects.aggregate(last=Max("date"))["last"]
    site = Site.objects.filter(kind=SiteKind.CENTRE).order_by("code").first()
    full = (
        figures.annual(site=site, year=last.year - 1),
        figures.annual(site=site, year=last.year - 2),
    )
    running = (
        figures.annual(site=site, year=last.year, until=last),
        figures.annual(site=site, year=last.year - 1, until=same_day(last, last.year - 1)),
    )
    for current, previous in (full, running):
        pdf = render_report(
            kind="annual", figures=current, previous=previous, fmt="pdf", language="da", k=5
        )
        assert_compact(pdf)


def assert_compact(pdf: bytes) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        (folder / "report.pdf").write_bytes(pdf)
        info = pdfinfo(folder / "report.pdf")
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert 6 <= pages <= 11, pages
        assert "Tagged:          yes" in info
        for page in range(1, pages + 1):
            text = subprocess.run(  # noqa: S603
                [
                    "/usr/bin/pdftotext",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    str(folder / "report.pdf"),
                    "-",
                ],
                capture_output=True,
                check=True,
                text=True,
            ).stdout
            # Besides the running footer, a page holds more than a heading.
            assert len(text.split()) > 40, (page, text)
    finally:
        shutil.rmtree(folder)
