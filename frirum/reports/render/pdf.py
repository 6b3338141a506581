"""PDF of a report: WeasyPrint renders the standalone HTML with the print stylesheet."""

import logging

from django.conf import settings

from frirum.reports.render.html import render_standalone
from frirum.reports.render.model import Presentation

# WeasyPrint reports every layout step at INFO; the command's output should stay clean.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_pdf(report: Presentation) -> bytes:
    from weasyprint import HTML  # heavy: only when a PDF is asked for

    html = render_standalone(report)
    # base_url lets the stylesheet's file:// font load; the HTML itself references nothing else.
    # PDF/UA-1: tagged (headings, tables, figures with their text), so a screen reader can
    # read it and the structure survives copying.
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
