import datetime as dt
import io
import zipfile

from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.family.models import FamilyConversation, Relative
from frirum.interchange.actions import ExportRefused, export_dataset
from frirum.interchange.format import EXPORT_ORDER
from frirum.people.models import Youth
from frirum.taxonomies.models import Vocabulary
from tests.base import BaseTestCase, make_contact, make_outreach, make_youth, term
from tests.interchange.helpers import TempDirMixin, read_rows


def rows(folder, name) -> list[list[str]]:
    return read_rows(folder / name)


def column(folder, name, col) -> list[str]:
    table = rows(folder, name)
    index = table[0].index(col)
    return [row[index] for row in table[1:]]


class ExportTestCase(TempDirMixin, BaseTestCase):
    def test_it_writes_every_file_with_its_header_when_there_is_nothing(self):
        export_dataset(path=self.tmp / "out")
        for spec in EXPORT_ORDER:
            self.assertEqual(rows(self.tmp / "out", spec.name)[0], list(spec.columns))
        self.assertEqual(len(rows(self.tmp / "out", "sites.csv")), 1 + 5)
        self.assertEqual(len(rows(self.tmp / "out", "contacts.csv")), 1)

    def test_it_writes_codes_dates_booleans_and_sorted_lists(self):
        youth = Youth.objects.create(code="U-AAAA-BBBB", residence_municipality=self.furesoe)
        make_contact(
            self.site_a,
            youth,
            dt.date(2025, 6, 7),
            age=16,
            themes=["stress", "anxiety"],
            relative_present=term(Vocabulary.RELATION, "parent"),
            bridged=True,
            bridging_methods=["support_person", "accompanied"],
            bridging_destinations=["psychiatry", "gp"],
        )
        export_dataset(path=self.tmp / "out")
        (row,) = rows(self.tmp / "out", "contacts.csv")[1:]
        self.assertEqual(row[1:5], ["U-AAAA-BBBB", "alpha", "2025-06-07", "counselling"])
        self.assertEqual(row[6], "16")
        self.assertEqual(
            row[10:],
            ["anxiety;stress", "parent", "1", "accompanied;support_person", "gp;psychiatry"],
        )
        self.assertEqual(rows(self.tmp / "out", "youth.csv")[1], ["U-AAAA-BBBB", "unknown", "190"])
        sites = {r[0]: r for r in rows(self.tmp / "out", "sites.csv")[1:]}
        self.assertEqual(sites["alpha-sat"][2:5], ["satellite", "190", "alpha"])
        self.assertEqual(sites["chat"][3], "")

    def test_it_says_a_named_peer_volunteer_took_part(self):
        relative = Relative.objects.create(relation=term(Vocabulary.RELATION, "friend"))
        conversation = FamilyConversation.objects.create(
            site=self.family_site,
            date=dt.date(2025, 1, 1),
            kind="relative",
            peer_volunteer_present=True,
            peer_volunteer=self.peer,
        )
        conversation.relatives.set([relative])
        export_dataset(path=self.tmp / "out")
        self.assertEqual(
            column(self.tmp / "out", "family_conversations.csv", "peer_volunteer"), ["1"]
        )
        self.assertEqual(
            column(self.tmp / "out", "family_conversations.csv", "relative_codes"), [relative.code]
        )

    def test_it_exports_one_site_for_a_period(self):
        mine = make_youth(self.satellite_a)
        make_contact(self.satellite_a, mine, dt.date(2025, 2, 1))
        make_contact(self.satellite_a, mine, dt.date(2024, 12, 31))  # before the period
        make_contact(self.site_a, mine, dt.date(2025, 2, 1))  # the hub's own
        make_contact(self.site_b, date=dt.date(2025, 2, 1))  # another site's young person
        make_outreach(self.satellite_a, date=dt.date(2025, 3, 1))
        make_outreach(self.site_b, date=dt.date(2025, 3, 1))
        call_command(
            "export",
            str(self.tmp / "out"),
            "--site",
            "alpha-sat",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            stdout=io.StringIO(),
        )
        out = self.tmp / "out"
        self.assertEqual(column(out, "sites.csv", "site_code"), ["alpha", "alpha-sat"])
        self.assertEqual(column(out, "contacts.csv", "date"), ["2025-02-01"])
        self.assertEqual(column(out, "contacts.csv", "site_code"), ["alpha-sat"])
        self.assertEqual(column(out, "youth.csv", "youth_code"), [mine.code])
        self.assertEqual(column(out, "outreach.csv", "site_code"), ["alpha-sat"])
        self.assertEqual(column(out, "family_conversations.csv", "conversation_code"), [])

    def test_it_writes_a_zip_when_asked(self):
        make_contact(self.site_a)
        export_dataset(path=self.tmp / "out.zip")
        with zipfile.ZipFile(self.tmp / "out.zip") as archive:
            self.assertEqual(sorted(archive.namelist()), sorted(s.name for s in EXPORT_ORDER))

    def test_it_refuses_a_folder_with_other_files(self):
        (self.tmp / "out").mkdir()
        (self.tmp / "out" / "private.txt").write_text("x")
        with self.assertRaises(ExportRefused):
            export_dataset(path=self.tmp / "out")

    def test_it_refuses_an_unknown_site_and_a_bad_period(self):
        for args in (
            ["--site", "nowhere"],
            ["--from", "1.1.2025"],
            ["--from", "2025-02-01", "--to", "2025-01-01"],
        ):
            with self.subTest(args), self.assertRaises(CommandError):
                call_command("export", str(self.tmp / "out"), *args, stdout=io.StringIO())

    def test_it_reads_with_a_fixed_number_of_queries_however_many_rows(self):
        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                export_dataset(path=self.tmp / f"out{len(list(self.tmp.iterdir()))}")
            return len(captured)

        make_contact(self.site_a, themes=["stress"], bridging_destinations=["gp"])
        few = queries()
        for i in range(30):
            make_contact(
                self.site_b,
                themes=["anxiety", "grief"],
                bridged=True,
                bridging_methods=["accompanied"],
                date=dt.date(2025, 1, 1 + i % 28),
            )
        self.assertEqual(queries(), few)
