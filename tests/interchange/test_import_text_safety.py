"""Imported text: no control characters; formula-safe cells from the export come back exactly."""

from frirum.interchange.actions import ImportRefused, check_dataset, export_dataset, import_dataset
from frirum.sites.models import Site, SiteKind
from tests.base import BaseTestCase
from tests.interchange.helpers import TempDirMixin, counts, dataset, read_rows
from tests.interchange.test_import_errors import replace_cell
from tests.interchange.test_round_trip import wipe

NAMES = [
    "=1+1",
    "-5 ting",
    # Formula-like, but nothing the anonymity guard refuses in a site name (a link with a
    # path or an @handle would be refused before the round trip is reached).
    '=HYPERLINK("#";"klik")',
    "@1+1",
    "+45 ungdom",
    "'=allerede med apostrof",
    "'almindelig apostrof",
    "headspace Ballerup",
]


class ControlCharactersTestCase(TempDirMixin, BaseTestCase):
    def test_it_refuses_a_nul_byte_in_a_site_name_with_file_line_and_column(self):
        files = replace_cell("sites.csv", 2, "name", "headspace\x00X")
        before = counts()
        with self.assertRaises(ImportRefused) as refused:
            import_dataset(path=self.write_folder(files))
        problems = refused.exception.plan.problems
        self.assertIn(("sites.csv", 2, "name"), [(p.file, p.line, p.column) for p in problems])
        self.assertIn("U+0000", str(refused.exception))
        self.assertEqual(counts(), before)

    def test_it_refuses_other_control_characters_in_any_column(self):
        for case, (column, file, value) in enumerate(
            [
                ("name", "sites.csv", "headspace\x1b[31mX"),
                ("name", "sites.csv", "headspace\x7fX"),
                ("youth_code", "youth.csv", "Y\x08"),
                ("name", "sites.csv", "headspace\x85X"),
            ]
        ):
            with self.subTest(value=repr(value)):
                folder = self.write_folder(replace_cell(file, 2, column, value), name=f"case{case}")
                plan = check_dataset(path=folder)
                found = [(p.file, p.line, p.column) for p in plan.problems]
                self.assertIn((file, 2, column), found)

    def test_it_allows_tab_and_line_breaks_inside_a_name(self):
        plan = check_dataset(path=self.write_folder(replace_cell("sites.csv", 2, "name", "a\tb")))
        self.assertTrue(plan.ok, [str(p) for p in plan.problems])


class FormulaRoundTripTestCase(TempDirMixin, BaseTestCase):
    def test_it_exports_formula_like_names_inert_and_imports_them_exactly(self):
        wipe()
        for n, name in enumerate(NAMES):
            Site.objects.create(code=f"s{n}", name=name, kind=SiteKind.CHAT)
        folder = self.tmp / "export"
        export_dataset(path=folder)
        cells = {row[0]: row[1] for row in read_rows(folder / "sites.csv")[1:]}
        self.assertEqual(cells["s0"], "'=1+1")
        self.assertEqual(cells["s1"], "'-5 ting")
        self.assertEqual(cells["s5"], "''=allerede med apostrof")
        self.assertEqual(cells["s6"], "'almindelig apostrof")
        self.assertEqual(cells["s7"], "headspace Ballerup")
        for value in cells.values():
            self.assertFalse(value.startswith(("=", "+", "-", "@")), value)

        wipe()
        import_dataset(path=folder)
        self.assertEqual(
            dict(Site.objects.values_list("code", "name")),
            {f"s{n}": name for n, name in enumerate(NAMES)},
        )


class UntouchedDatasetTestCase(TempDirMixin, BaseTestCase):
    def test_it_imports_an_ordinary_dataset_as_before(self):
        self.assertTrue(check_dataset(path=self.write_folder(dataset())).ok)
