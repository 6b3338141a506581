"""The memo as HTML (web page and standalone), PDF (WeasyPrint, the same template) and Word."""

import io
import logging

from django.conf import settings
from django.template.loader import render_to_string

from frirum.planning.memo import Memo
from frirum.reports.render.html import FONT, STATIC

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

TEMPLATE = "planning/memo.html"


def standalone_context(memo: Memo, scenario) -> dict:
    return {
        "memo": memo,
        "scenario": scenario,
        "base_template": "planning/print_base.html",
        "standalone": True,
        # Inlined, as the reports do, so that WeasyPrint needs nothing else.
        "report_css": (STATIC / "report.css").read_text(encoding="utf-8"),
        "print_css": (STATIC / "print.css").read_text(encoding="utf-8"),
        "font_url": FONT.as_uri() if FONT.exists() else "",
    }


def render_pdf(memo: Memo, scenario) -> bytes:
    from weasyprint import HTML  # heavy: only when a PDF is asked for

    html = render_to_string(TEMPLATE, standalone_context(memo, scenario))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def render_docx(memo: Memo) -> bytes:
    """An editable Word document with the same sections, tables and appendix."""
    from docx import Document

    document = Document()
    document.core_properties.title = memo.title
    document.core_properties.language = "da-DK"
    document.add_paragraph(memo.dated)
    document.add_heading(memo.title, level=0)
    for section in memo.sections:
        document.add_heading(section.title, level=1)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        for table in section.tables:
            document.add_paragraph(table.caption).runs[0].bold = True
            rows = [*table.rows, *([table.total] if table.total else [])]
            grid = document.add_table(rows=1 + len(rows), cols=len(table.header))
            grid.style = "Table Grid"
            for column, text in enumerate(table.header):
                grid.cell(0, column).text = text
                grid.cell(0, column).paragraphs[0].runs[0].bold = True
            for row_number, row in enumerate(rows, start=1):
                for column, text in enumerate(row):
                    grid.cell(row_number, column).text = text
    document.add_heading(_appendix_title(), level=1)
    document.add_paragraph(memo.note)
    for name, text in memo.appendix:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{name}: ").bold = True
        paragraph.add_run(text)
    document.add_heading(_sources_title(), level=2)
    for source in memo.sources:
        document.add_paragraph(source, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _appendix_title() -> str:
    from django.utils.translation import gettext

    return gettext("Appendix: definitions and sources")


def _sources_title() -> str:
    from django.utils.translation import gettext

    return gettext("Sources")
