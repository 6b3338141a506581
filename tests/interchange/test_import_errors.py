"""Every kind of bad input: located by file, line and column, nothing written."""

import contextlib
import io
from unittest import mock

from django.core.management import CommandError, call_command, execute_from_command_line

from frirum.interchange.actions import ImportRefused, check_dataset, import_dataset
from frirum.interchange.loading import Loader
from tests.base import BaseTestCase, make_youth
from tests.interchange.helpers import VALID, TempDirMixin, counts, dataset


def replace_cell(name: str, line: int, column: str, value: str) -> dict:
    """VALID with one cell of one file changed (line as an editor shows it)."""
    rows = [list(r) for r in VALID[name]]
    rows[line - 1][rows[0].index(column)] = value
    return dataset(**{name: rows})


def add_rows(name: str, *rows: list[str]) -> dict:
    return dataset(**{name: [list(r) for r in VALID[name]] + [list(r) for r in rows]})


CASES = [
    # (what, files, expected (file, line, column))
    ("unknown file", {**dataset(), "notes.txt": b"hello"}, ("notes.txt", None, None)),
    (
        "unknown column",
        dataset(youth=[["youth_code", "name"], ["Y1", "Anna"]]),
        ("youth.csv", 1, "name"),
    ),
    (
        "missing required column",
        dataset(outreach=[["activity_code", "site_code", "kind", "short_contacts"]]),
        ("outreach.csv", 1, "date"),
    ),
    ("missing sites.csv", dataset(sites=None), ("sites.csv", None, None)),
    ("empty file", dataset(youth=[]), ("youth.csv", 1, None)),
    (
        "unknown theme",
        replace_cell("contacts.csv", 2, "themes", "anxiety;worries"),
        ("contacts.csv", 2, "themes"),
    ),
    (
        "unknown channel",
        replace_cell("contacts.csv", 3, "channel", "telepathy"),
        ("contacts.csv", 3, "channel"),
    ),
    (
        "unknown relation",
        replace_cell("relatives.csv", 2, "relation", "cousin"),
        ("relatives.csv", 2, "relation"),
    ),
    (
        "empty relation",
        replace_cell("relatives.csv", 3, "relation", ""),
        ("relatives.csv", 3, "relation"),
    ),
    (
        "unknown destination",
        replace_cell("family_conversations.csv", 3, "bridging_destinations", "moon"),
        ("family_conversations.csv", 3, "bridging_destinations"),
    ),
    ("unknown gender", replace_cell("youth.csv", 2, "gender", "f"), ("youth.csv", 2, "gender")),
    (
        "unknown municipality",
        replace_cell("youth.csv", 3, "residence_municipality_code", "999"),
        ("youth.csv", 3, "residence_municipality_code"),
    ),
    ("unknown site kind", replace_cell("sites.csv", 3, "kind", "office"), ("sites.csv", 3, "kind")),
    (
        "centre without municipality",
        replace_cell("sites.csv", 3, "municipality_code", ""),
        ("sites.csv", 3, "municipality_code"),
    ),
    (
        "unknown hub",
        replace_cell("sites.csv", 2, "hub_site_code", "nowhere"),
        ("sites.csv", 2, "hub_site_code"),
    ),
    (
        "hub that is no centre",
        replace_cell("sites.csv", 2, "hub_site_code", "chat-x"),
        ("sites.csv", 2, "hub_site_code"),
    ),
    (
        "hub of a centre",
        replace_cell("sites.csv", 3, "hub_site_code", "ctr-x"),
        ("sites.csv", 3, "hub_site_code"),
    ),
    (
        "missing youth",
        replace_cell("contacts.csv", 4, "youth_code", "Y77"),
        ("contacts.csv", 4, "youth_code"),
    ),
    (
        "missing site",
        replace_cell("contacts.csv", 2, "site_code", "nowhere"),
        ("contacts.csv", 2, "site_code"),
    ),
    (
        "missing relative",
        replace_cell("family_conversations.csv", 3, "relative_codes", "R1;R9"),
        ("family_conversations.csv", 3, "relative_codes"),
    ),
    (
        "no relative",
        replace_cell("family_conversations.csv", 2, "relative_codes", ""),
        ("family_conversations.csv", 2, "relative_codes"),
    ),
    (
        "answer to a missing contact",
        replace_cell("responses.csv", 3, "contact_code", "C99"),
        ("responses.csv", 3, "contact_code"),
    ),
    ("duplicate youth", add_rows("youth.csv", ["Y2", "male", ""]), ("youth.csv", 5, "youth_code")),
    (
        "duplicate contact",
        add_rows("contacts.csv", ["C1", "Y1", "ctr-x", "2024-01-05"] + [""] * 11),
        ("contacts.csv", 6, "contact_code"),
    ),
    (
        "duplicate site",
        add_rows("sites.csv", ["ctr-x", "X", "centre", "151", "", ""]),
        ("sites.csv", 6, "site_code"),
    ),
    (
        "duplicate answer",
        add_rows("responses.csv", ["C1", "helped", "helped", "5"]),
        ("responses.csv", 7, "item"),
    ),
    (
        "empty key",
        replace_cell("outreach.csv", 2, "activity_code", ""),
        ("outreach.csv", 2, "activity_code"),
    ),
    (
        "code too long",
        replace_cell("outreach.csv", 2, "activity_code", "x" * 65),
        ("outreach.csv", 2, "activity_code"),
    ),
    (
        "CPR number as pseudonym",
        replace_cell("youth.csv", 4, "youth_code", "010203-1234"),
        ("youth.csv", 4, "youth_code"),
    ),
    (
        "impossible date",
        replace_cell("contacts.csv", 2, "date", "2024-02-30"),
        ("contacts.csv", 2, "date"),
    ),
    (
        "danish date",
        replace_cell("contacts.csv", 2, "date", "05-01-2024"),
        ("contacts.csv", 2, "date"),
    ),
    ("missing date", replace_cell("outreach.csv", 3, "date", ""), ("outreach.csv", 3, "date")),
    (
        "bad opening date",
        replace_cell("sites.csv", 2, "opened_on", "2021"),
        ("sites.csv", 2, "opened_on"),
    ),
    ("age in words", replace_cell("contacts.csv", 2, "age", "fifteen"), ("contacts.csv", 2, "age")),
    ("age out of range", replace_cell("contacts.csv", 2, "age", "120"), ("contacts.csv", 2, "age")),
    (
        "decimal duration",
        replace_cell("contacts.csv", 2, "duration_minutes", "45.5"),
        ("contacts.csv", 2, "duration_minutes"),
    ),
    (
        "negative short contacts",
        replace_cell("outreach.csv", 2, "short_contacts", "-1"),
        ("outreach.csv", 2, "short_contacts"),
    ),
    (
        "missing short contacts",
        replace_cell("outreach.csv", 2, "short_contacts", ""),
        ("outreach.csv", 2, "short_contacts"),
    ),
    (
        "rating above the scale",
        replace_cell("responses.csv", 2, "value", "11"),
        ("responses.csv", 2, "value"),
    ),
    (
        "helped below the scale",
        replace_cell("responses.csv", 4, "value", "0"),
        ("responses.csv", 4, "value"),
    ),
    (
        "answer not a number",
        replace_cell("responses.csv", 5, "value", "high"),
        ("responses.csv", 5, "value"),
    ),
    (
        "unknown instrument",
        replace_cell("responses.csv", 2, "instrument", "mood"),
        ("responses.csv", 2, "instrument"),
    ),
    (
        "unknown item",
        replace_cell("responses.csv", 2, "item", "warmth"),
        ("responses.csv", 2, "item"),
    ),
    (
        "boolean as word",
        replace_cell("contacts.csv", 3, "bridged", "yes"),
        ("contacts.csv", 3, "bridged"),
    ),
    (
        "bridged for without bridging",
        replace_cell("family_conversations.csv", 3, "bridged", "0"),
        ("family_conversations.csv", 3, "bridged_for"),
    ),
    ("too few fields", add_rows("youth.csv", ["Y4", "male"]), ("youth.csv", 5, None)),
    (
        "broken quoting",
        dataset(youth=b'youth_code,gender\r\nY1,female\r\nY2,"ma"le\r\n'),
        ("youth.csv", 3, None),
    ),
    (
        "not UTF-8",
        dataset(youth=b"youth_code,gender\r\nY1,male\r\nY\xf8,female\r\n"),
        ("youth.csv", 3, None),
    ),
]


class ImportErrorsTestCase(TempDirMixin, BaseTestCase):
    def test_it_locates_every_kind_of_error(self):
        for what, files, expected in CASES:
            with self.subTest(what):
                folder = self.write_folder(files, name=what.replace(" ", "-"))
                plan = check_dataset(path=folder)
                found = [(p.file, p.line, p.column) for p in plan.problems]
                self.assertIn(expected, found, [str(p) for p in plan.problems])

    def test_it_refuses_every_kind_of_error_without_writing(self):
        before = counts()
        for what, files, _expected in CASES:
            with self.subTest(what):
                folder = self.write_folder(files, name=what.replace(" ", "-"))
                with self.assertRaises(ImportRefused):
                    import_dataset(path=folder)
                self.assertEqual(counts(), before)

    def test_it_refuses_keys_the_database_already_holds(self):
        make_youth(code="Y2")
        plan = check_dataset(path=self.write_folder(dataset()))
        self.assertIn(
            ("youth.csv", 3, "youth_code"), [(p.file, p.line, p.column) for p in plan.problems]
        )

    def test_it_refuses_a_site_listed_differently_from_the_database(self):
        sites = [
            ["site_code", "name", "kind", "municipality_code"],
            ["alpha", "headspace Alfa", "centre", "151"],
            ["beta", "headspace Beta", "centre", "151"],
        ]
        plan = check_dataset(path=self.write_folder({"sites.csv": sites}))
        found = [(p.file, p.line, p.column) for p in plan.problems]
        self.assertEqual(found, [("sites.csv", 2, "name"), ("sites.csv", 3, "municipality_code")])

    def test_it_stops_after_twenty_errors(self):
        rows = [VALID["youth.csv"][0]] + [[f"Y{i}", "robot", ""] for i in range(100)]
        plan = check_dataset(path=self.write_folder(dataset(youth=rows)))
        self.assertEqual(len(plan.problems), 20)
        self.assertTrue(plan.truncated)

    def test_it_refuses_a_path_that_is_no_dataset(self):
        not_zip = self.tmp / "data.zip"
        not_zip.write_bytes(b"not a zip")
        for path in (self.tmp / "missing", not_zip):
            with self.subTest(str(path)), self.assertRaises(ImportRefused):
                check_dataset(path=path)

    def test_it_names_file_line_and_column_in_the_command_error(self):
        folder = self.write_folder(replace_cell("contacts.csv", 3, "age", "old"))
        before = counts()
        with self.assertRaises(CommandError) as raised:
            call_command("import", str(folder), stdout=io.StringIO(), stderr=io.StringIO())
        message = str(raised.exception)
        self.assertIn("contacts.csv", message)
        self.assertIn(" 3 ", message)
        self.assertIn("age", message)
        self.assertEqual(counts(), before)

    def test_it_exits_non_zero_without_a_traceback(self):
        folder = self.write_folder(replace_cell("youth.csv", 2, "gender", "robot"))
        stderr = io.StringIO()
        # The console entry point closes connections when done; the test still needs its own.
        with (
            mock.patch("django.core.management.base.connections.close_all"),
            contextlib.redirect_stderr(stderr),
            self.assertRaises(SystemExit) as exited,
        ):
            execute_from_command_line(["frirum", "import", str(folder)])
        self.assertNotEqual(exited.exception.code, 0)
        self.assertIn("youth.csv", stderr.getvalue())
        self.assertNotIn("Traceback", stderr.getvalue())

    def test_it_leaves_nothing_behind_when_writing_fails_halfway(self):
        before = counts()
        with (
            mock.patch.object(Loader, "_responses", side_effect=RuntimeError("disk full")),
            self.assertRaises(RuntimeError),
        ):
            import_dataset(path=self.write_folder(dataset()))
        self.assertEqual(counts(), before)

    def test_it_reads_a_dataset_with_only_sites(self):
        plan = check_dataset(path=self.write_folder({"sites.csv": VALID["sites.csv"]}))
        self.assertTrue(plan.ok)
        self.assertEqual(plan.counts["sites.csv"], 4)
        self.assertEqual(plan.counts["contacts.csv"], 0)
