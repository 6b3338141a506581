"""CSV of a report: one long table, suppression applied, numbers without locale formatting.

Columns: section, figure, key, label, unit, value, previous. `unit` is `count`, `percent`
(whole percent) or `mean` (one decimal); a hidden value is "<k" for counts and a dash otherwise.
"""

import csv
import io

from frirum.lib.spreadsheet import inert_row
from frirum.reports.render.model import Presentation
from frirum.reports.suppression import COUNT, SHARE, Cell

UNITS = {COUNT: "count", SHARE: "percent", "mean": "mean"}
HEADER = ["section", "figure", "key", "label", "unit", "value", "previous"]


def cell_value(cell: Cell | None) -> str:
    if cell is None:
        return ""
    if cell.is_suppressed:
        return cell.text
    if cell.value is None:
        return ""
    if cell.kind == COUNT:
        return str(int(cell.value))
    if cell.kind == SHARE:
        return str(round(cell.value * 100))
    return f"{round(cell.value, 1):.1f}"


def render_csv(report: Presentation) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    tables = [("summary", report.comparison)] if report.comparison else []
    tables += [(section.slug, table) for section in report.sections for table in section.tables]
    for section, table in tables:
        rows = [*table.rows, *([table.total] if table.total else [])]
        for row in rows:
            if table.kind == "mixed":
                figure_name, key = row.figure or row.key, ""
            else:
                figure_name, key = table.name, row.key
            writer.writerow(
                inert_row(
                    [
                        section,
                        figure_name,
                        key,
                        row.label,
                        UNITS.get(row.current.kind, ""),
                        cell_value(row.current),
                        cell_value(row.previous),
                    ]
                )
            )
    # UTF-8 with a byte-order mark, so that spreadsheet programs read the Danish letters.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
