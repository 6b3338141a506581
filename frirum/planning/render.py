"""The coverage table as XLSX and CSV, from the presented cells (frirum.planning.coverage).

Hidden cells: the spreadsheet's single mark (the dash) as in the reports' XLSX, the CSV the
cell's text ("<k" or the dash); numbers without locale formatting in the CSV.
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from frirum.lib.spreadsheet import inert_row, make_workbook_inert
from frirum.planning.coverage import CoverageTable
from frirum.planning.definitions import definitions
from frirum.reports.render.definitions import PRESENTATION, XLSX_LEGEND
from frirum.reports.suppression import COUNT, DASH, SHARE, Cell

HEADER = [
    "municipality_code",
    "municipality",
    "region",
    "site",
    "population_total",
    "population_12_25",
    "population_year",
    "reached",
    "reached_per_1000",
]
DEFINED = [
    "coverage.site",
    "coverage.population",
    "coverage.reached",
    "coverage.reached_per_1000",
    "coverage.share_with_site",
]


def _csv_value(cell: Cell) -> str:
    if cell.is_suppressed:
        return cell.text
    if cell.value is None:
        return ""
    if cell.kind == COUNT:
        return str(int(cell.value))
    if cell.kind == SHARE:
        return str(round(cell.value * 100))
    return f"{round(cell.value, 1):.1f}"


def _xlsx_value(cell: Cell):
    if cell.is_suppressed:
        return DASH
    return cell.shown


def render_csv(table: CoverageTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in table.rows:
        writer.writerow(
            inert_row(
                [
                    row.code,
                    row.name,
                    row.region,
                    row.site,
                    _csv_value(row.population_total),
                    _csv_value(row.population_12_25),
                    row.population_year or "",
                    _csv_value(row.reached),
                    _csv_value(row.per_1000),
                ]
            )
        )
    writer.writerow(
        inert_row(["unknown", "", "", "", "", "", "", _csv_value(table.reached_unknown), ""])
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_xlsx(table: CoverageTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Coverage")[:31]
    sheet.append([_("Coverage of the country %(year)s") % {"year": table.year}])
    sheet["A1"].font = Font(bold=True, size=14)
    share = table.share_with_site
    sheet.append(
        [
            _("Share of the country's young people (12-25) in a municipality with a site"),
            _xlsx_value(share),
        ]
    )
    sheet.cell(row=2, column=2).number_format = "0%"
    illustrative = table.figures.get("population_illustrative")
    sheet.append(
        [_("The population figures are illustrative (demo data), not Statistics Denmark's.")]
        if illustrative
        else []
    )
    sheet.append(
        [
            _("Code"),
            _("Municipality"),
            _("Region"),
            _("Site"),
            _("Population"),
            _("Population 12-25"),
            _("Population year"),
            _("Young people reached"),
            _("Reached per 1,000 aged 12-25"),
        ]
    )
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(
            [
                row.code,
                row.name,
                row.region,
                row.site_label,
                _xlsx_value(row.population_total),
                _xlsx_value(row.population_12_25),
                row.population_year,
                _xlsx_value(row.reached),
                _xlsx_value(row.per_1000),
            ]
        )
        current = sheet.max_row
        for column in (5, 6, 8):
            sheet.cell(row=current, column=column).number_format = "#,##0"
        sheet.cell(row=current, column=9).number_format = "0.0"
    sheet.append(
        [_("Residence not registered"), "", "", "", "", "", "", _xlsx_value(table.reached_unknown)]
    )
    sheet.append([])
    sheet.append([str(XLSX_LEGEND) % {"mark": DASH, "k": table.k}])
    sheet.append([str(PRESENTATION) % {"k": table.k}])
    for name, text in definitions(DEFINED):
        sheet.append([name, text])
    for letter, width in zip("ABCDEFGHI", (8, 22, 22, 12, 12, 14, 12, 16, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    make_workbook_inert(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
