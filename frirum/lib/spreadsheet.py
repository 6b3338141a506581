"""Spreadsheet output that cannot carry formulas (OWASP "CSV injection").

A spreadsheet program treats a cell that starts with `=`, `+`, `-` or `@` as a formula, and a
leading tab or carriage return can hide such a start. Term labels, site names and anything
else people typed may start that way, so every text cell we write goes through here:

- CSV: `inert_cell()` puts an apostrophe in front, which spreadsheet programs read as "text"
  (OWASP's advice). Plain numbers such as `-5` or `-2.5` stay as they are: they are not
  formulas. The interchange import takes the apostrophe off again (`revive_cell()`), so a
  dataset survives export -> import unchanged.
- XLSX: `make_workbook_inert()` stores every formula-looking text as a text cell marked with
  Excel's own "quote prefix", so the sheet shows exactly the label and never evaluates it.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number (a sign, digits, one decimal separator, an optional percent): a spreadsheet
# reads it as a number, never as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)%?")


def is_formula_like(text: str) -> bool:
    return bool(text) and text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def inert_cell(value):
    """The value for a CSV cell: formula-like text behind an apostrophe; anything else as is.

    Text that already starts with apostrophes before a formula start gets one more, so that
    `revive_cell()` undoes exactly what was added.
    """
    if isinstance(value, str) and value and value[0] in "=+-@\t\r'":
        stripped = value.lstrip("'")
        if is_formula_like(stripped):
            return "'" + value
    return value


def revive_cell(text: str) -> str:
    """Undoes `inert_cell()`: one leading apostrophe off text that `inert_cell()` marked."""
    if text.startswith("'") and is_formula_like(text.lstrip("'")):
        return text[1:]
    return text


def inert_row(values) -> list:
    return [inert_cell(value) for value in values]


def make_workbook_inert(workbook) -> None:
    """Every formula-looking text cell of the workbook becomes plain text (with a quote prefix).

    Run just before saving. openpyxl turns any string starting with `=` into a formula; we
    never write formulas on purpose, so every formula cell is a label that must stay text.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str):
                    continue
                if cell.data_type == "f" or is_formula_like(value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
