"""XLSX of a report: an overview sheet, a sheet per section, a definitions sheet.

Numbers are written as numbers (shares as fractions rounded to whole percent with a percent
format, means to one decimal, changes as numbers with a signed format). Every hidden cell, and
every change resting on one, holds the same single mark, the dash, explained by one legend line
under each table that has one and in the overview: a spreadsheet is sorted, filtered and copied
cell by cell, where two marks (the web page's "<5" and the dash) would be read apart or summed
apart. The web page and the PDF keep their two marks and legends.
"""

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from frirum.lib.spreadsheet import make_workbook_inert
from frirum.reports.render.definitions import PRESENTATION, XLSX_LEGEND
from frirum.reports.render.model import Presentation, Row, Table
from frirum.reports.suppression import COUNT, DASH, SHARE, Cell

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDE6EC")
FORMATS = {COUNT: "#,##0", SHARE: "0%", "mean": "0.0"}
# Changes: counts as a signed difference, shares in percentage points, means to one decimal.
# The one mark of a hidden cell in the spreadsheet (see the module's docstring).
HIDDEN = DASH
CHANGE_FORMATS = {
    COUNT: "+#,##0;-#,##0;0",
    SHARE: '+0" pp";-0" pp";0" pp"',
    "mean": "+0.0;-0.0;0.0",
}


def _sheet_title(text: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "", str(text))[:31] or "Sheet"
    base, n = title, 2
    while title in used:
        suffix = f" {n}"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title)
    return title


def _write_cell(ws, row: int, column: int, cell: Cell | None) -> None:
    if cell is None:
        return
    target = ws.cell(row=row, column=column)
    shown = cell.shown
    if cell.is_suppressed:
        target.value = HIDDEN
        target.alignment = Alignment(horizontal="right")
        return
    if shown is None:
        return
    # The shown value (a share to whole percent): the cell must not hold more than the text.
    target.value = shown
    target.number_format = FORMATS.get(cell.kind, "General")


def _write_change(ws, row: int, column: int, item: Row) -> None:
    value = item.change_value
    target = ws.cell(row=row, column=column)
    if value is not None:
        target.value = value
        target.number_format = CHANGE_FORMATS.get(item.current.kind, "General")
    elif item.change == DASH:
        target.value = HIDDEN
        target.alignment = Alignment(horizontal="right")


def _write_table(ws, row: int, table: Table, report: Presentation) -> int:
    ws.cell(row=row, column=1, value=str(table.title)).font = BOLD
    row += 1
    headers = [_("Figure"), report.year_column]
    if report.previous_year and table.has_previous:
        headers += [report.previous_column, _("Change on the year")]
    for column, header in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=column, value=header)
        cell.font = BOLD
        cell.fill = HEADER_FILL
    row += 1
    rows: list[Row] = [*table.rows, *([table.total] if table.total else [])]
    for item in rows:
        ws.cell(row=row, column=1, value=str(item.label))
        _write_cell(ws, row, 2, item.current)
        if report.previous_year and table.has_previous:
            _write_cell(ws, row, 3, item.previous)
            _write_change(ws, row, 4, item)
        if item is table.total:
            for column in range(1, 5):
                ws.cell(row=row, column=column).font = BOLD
        row += 1
    if table.note:
        ws.cell(row=row, column=1, value=str(table.note)).font = Font(italic=True)
        row += 1
    if table.suppressed_any:
        ws.cell(row=row, column=1, value=_legend(report)).font = Font(italic=True)
        row += 1
    return row + 1


def _widths(ws) -> None:
    ws.column_dimensions[get_column_letter(1)].width = 60
    for column in range(2, 5):
        ws.column_dimensions[get_column_letter(column)].width = 14


def render_xlsx(report: Presentation) -> bytes:
    workbook = Workbook()
    used: set[str] = set()
    ws = workbook.active
    ws.title = _sheet_title(_("Overview"), used)
    ws.cell(row=1, column=1, value=str(report.title)).font = TITLE
    ws.cell(row=2, column=1, value=str(report.subtitle))
    ws.cell(row=3, column=1, value=_("Generated"))
    ws.cell(row=3, column=2, value=report.generated_on)
    ws.cell(row=3, column=2).number_format = "dd.mm.yyyy"
    row = 5
    for label, value in report.facts:
        ws.cell(row=row, column=1, value=str(label)).font = BOLD
        ws.cell(row=row, column=2, value=str(value))
        row += 1
    row += 1
    if not report.has_data:
        text = _("%(year)s: no data") % {"year": report.year_label}
        ws.cell(row=row, column=1, value=text).font = BOLD
        _widths(ws)
        return _saved(workbook)
    if report.previous_without_data:
        text = _("%(year)s: no data") % {"year": report.previous_without_data}
        ws.cell(row=row, column=1, value=text).font = Font(italic=True)
        row += 2
    if report.comparison:
        row = _write_table(ws, row, report.comparison, report)
    else:
        row = _write_table(
            ws, row, Table("highlights", _("Key figures"), "mixed", report.highlights), report
        )
    ws.cell(row=row, column=1, value=_suppression_note(report)).font = Font(italic=True)
    _widths(ws)

    for section in report.sections:
        ws = workbook.create_sheet(_sheet_title(section.title, used))
        ws.cell(row=1, column=1, value=str(section.title)).font = TITLE
        row = 3
        if section.intro:
            ws.cell(row=row, column=1, value=str(section.intro))
            row += 2
        for table in section.tables:
            row = _write_table(ws, row, table, report)
        _widths(ws)

    ws = workbook.create_sheet(_sheet_title(_("Definitions"), used))
    ws.cell(row=1, column=1, value=_("Definitions")).font = TITLE
    row = 3
    for label, _name, text in report.definitions:
        ws.cell(row=row, column=1, value=label).font = BOLD
        ws.cell(row=row, column=2, value=text).alignment = Alignment(wrap_text=True)
        row += 1
    ws.cell(row=row + 1, column=1, value=_suppression_note(report))
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 100

    return _saved(workbook)


def _saved(workbook) -> bytes:
    # Labels and names are people's text: none may become a live formula.
    make_workbook_inert(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _legend(report: Presentation) -> str:
    return str(XLSX_LEGEND) % {"mark": HIDDEN, "k": report.k}


def _suppression_note(report: Presentation) -> str:
    """The rules of rounding and hiding, and the mark's legend line when anything is hidden."""
    rules = str(PRESENTATION) % {"k": report.k}
    return f"{rules} {_legend(report)}" if report.suppressed_any else rules
