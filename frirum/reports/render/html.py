"""HTML of a report: the web page (inside base.html) and the standalone print version.

Both render the same template per report kind; only the base template differs.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from frirum.reports.render.model import Presentation

STATIC = Path(__file__).resolve().parent.parent / "static" / "reports"
FONT = (
    Path(settings.BASE_DIR)
    / "frirum/static/vendor/dkfds/fonts/IBMPlexSans/complete/ttf/IBMPlexSans-Regular.ttf"
)


@cache
def _stylesheet(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def template_name(report: Presentation) -> str:
    return f"reports/{report.kind}.html"


def standalone_context(report: Presentation) -> dict:
    return {
        "report": report,
        "base_template": "reports/print_base.html",
        "standalone": True,
        # Inlined so that the HTML file (and WeasyPrint) needs nothing else.
        "report_css": _stylesheet("report.css"),
        "print_css": _stylesheet("print.css"),
        "font_url": FONT.as_uri() if FONT.exists() else "",
    }


def render_standalone(report: Presentation) -> str:
    return render_to_string(template_name(report), standalone_context(report))
