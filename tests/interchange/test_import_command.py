import datetime as dt
import io
import unittest

from django.core.management import CommandError, call_command
from django.db import connection

from frirum.contacts.models import Contact, Outreach
from frirum.family.models import FamilyConversation, Relative, RelativeInquiry
from frirum.interchange.models import ImportBatch
from frirum.people import search_index
from frirum.people.models import Youth
from frirum.questionnaires.models import Response
from frirum.sites.models import Site
from tests.base import BaseTestCase
from tests.interchange.helpers import DATA, VALID, TempDirMixin, counts, dataset, to_bytes


def run_import(path, *args) -> str:
    out = io.StringIO()
    call_command("import", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


class ImportCommandTestCase(TempDirMixin, BaseTestCase):
    def test_it_imports_every_file(self):
        output = run_import(DATA / "valid")
        self.assertIn("contacts.csv", output)

        batch = ImportBatch.objects.get()
        self.assertEqual(batch.counts["contacts.csv"], 4)
        self.assertEqual(batch.counts["sites.csv"], 4)
        self.assertEqual(batch.counts["responses.csv"], 5)

        satellite = Site.objects.get(code="sat-x")
        self.assertEqual(satellite.hub.code, "ctr-x")
        self.assertEqual(satellite.municipality.code, "190")
        self.assertEqual(satellite.opened_on, dt.date(2021, 2, 1))
        self.assertIsNone(Site.objects.get(code="chat-x").municipality)
        self.assertEqual(Site.objects.get(code="fam-x").name, "headspace Family X, Aarhus")

        y1, y2, y3 = Youth.objects.filter(code__in=["Y1", "Y2", "Y3"]).order_by("code")
        self.assertEqual((y1.gender, y1.residence_municipality.code), ("female", "151"))
        self.assertIsNone(y2.residence_municipality)
        self.assertEqual(y3.gender, "unknown")
        self.assertEqual(y1.import_batch, batch)

        c2 = Contact.objects.get(code="C2")
        self.assertEqual(c2.youth, y1)
        self.assertEqual(c2.site.code, "ctr-x")
        self.assertEqual(c2.date, dt.date(2024, 2, 5))
        self.assertEqual((c2.kind, c2.channel, c2.age), ("counselling", "phone", 15))
        self.assertEqual((c2.education_status, c2.dropout_risk), ("in_education", ""))
        self.assertEqual(c2.duration_minutes, 30)
        self.assertEqual(c2.relative_present.code, "parent")
        self.assertTrue(c2.bridged)
        self.assertEqual(sorted(t.code for t in c2.themes.all()), ["stress"])
        self.assertEqual(
            sorted(t.code for t in c2.bridging_methods.all()), ["accompanied", "helped_contact"]
        )
        self.assertEqual(
            sorted(t.code for t in c2.bridging_destinations.all()), ["gp", "psychologist"]
        )
        self.assertEqual(c2.import_batch, batch)
        c3 = Contact.objects.get(code="C3")
        self.assertEqual((c3.kind, c3.channel, c3.age, c3.bridged), ("group", "", None, False))

        answers = {
            (r.instrument.code, r.item_code): r.value
            for r in Response.objects.filter(contact__code="C1").select_related("instrument")
        }
        self.assertEqual(
            answers,
            {
                ("session_rating", "relationship"): 9,
                ("session_rating", "overall"): 8,
                ("helped", "helped"): 4,
                ("self_efficacy", "self_efficacy"): 4,
            },
        )
        response = Response.objects.get(contact__code="C2")
        self.assertEqual(response.item.version.instrument.code, "self_efficacy")
        self.assertTrue(response.item.version.is_current)

        outreach = Outreach.objects.get(code="O1")
        self.assertEqual((outreach.kind, outreach.short_contacts), ("school", 25))
        self.assertEqual(Outreach.objects.get(code="O2").short_contacts, 0)

        self.assertEqual(Relative.objects.get(code="R2").relation.code, "sibling")
        f2 = FamilyConversation.objects.get(code="F2")
        self.assertEqual(sorted(r.code for r in f2.relatives.all()), ["R1", "R2"])
        self.assertEqual(
            (f2.kind, f2.channel, f2.bridged_for), ("family_with_youth", "video", "youth")
        )
        self.assertFalse(f2.peer_volunteer_present)
        self.assertEqual(sorted(t.code for t in f2.themes.all()), ["emotional", "family_conflict"])
        self.assertEqual([t.code for t in f2.bridging_methods.all()], ["made_aware"])
        self.assertEqual([t.code for t in f2.bridging_destinations.all()], ["headspace_centre"])
        self.assertTrue(FamilyConversation.objects.get(code="F1").peer_volunteer_present)

        h1, h2 = RelativeInquiry.objects.order_by("code")
        self.assertEqual((h1.relation.code, h1.reason), ("grandparent", "worry_mental_health"))
        self.assertEqual((h2.relation, h2.reason), (None, ""))

    @unittest.skipUnless(connection.vendor == "sqlite", "SQLite's search index")
    def test_it_indexes_imported_young_people_for_the_search(self):
        run_import(DATA / "valid")
        # The batched inserts went through the search index's triggers.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid, search_key FROM {search_index.TABLE} ORDER BY rowid")  # noqa: S608
            indexed = [tuple(row) for row in cursor.fetchall()]
        expected = list(Youth.objects.order_by("pk").values_list("pk", "search_key"))
        self.assertLessEqual({"\tY1", "\tY2", "\tY3"}, {key for _, key in indexed})
        self.assertEqual(indexed, expected)

    def test_it_refuses_the_same_dataset_twice(self):
        run_import(DATA / "valid")
        before = counts()
        with self.assertRaises(CommandError) as raised:
            run_import(DATA / "valid")
        message = str(raised.exception)
        self.assertIn("Intet blev importeret", message)
        self.assertIn("allerede importeret", message)
        self.assertEqual(len(message.splitlines()), 2)
        self.assertEqual(counts(), before)

    def test_it_imports_a_zip_with_the_files_at_its_root(self):
        run_import(self.write_zip(VALID))
        self.assertEqual(Contact.objects.filter(code__in=["C1", "C2", "C3", "C4"]).count(), 4)

    def test_it_imports_a_zip_of_a_dataset_folder(self):
        run_import(self.write_zip(VALID, inner="export-2024/"))
        self.assertEqual(Response.objects.count(), 5)

    def test_it_accepts_a_byte_order_mark_and_any_column_order(self):
        youth = [["residence_municipality_code", "youth_code"], ["151", "Y9"]]
        files = {"sites.csv": VALID["sites.csv"], "youth.csv": b"\xef\xbb\xbf" + to_bytes(youth)}
        run_import(self.write_folder(files))
        self.assertEqual(Youth.objects.get(code="Y9").residence_municipality.code, "151")

    def test_it_lets_a_dataset_name_a_site_the_database_has_unchanged(self):
        sites = [
            ["site_code", "name", "kind", "municipality_code", "hub_site_code"],
            ["alpha", "headspace Alpha", "centre", "151", ""],
            ["alpha-sat", "headspace Alpha satellit", "satellite", "190", "alpha"],
        ]
        contacts = [
            ["contact_code", "youth_code", "site_code", "date"],
            ["K1", "Y1", "alpha-sat", "2024-01-01"],
        ]
        files = dataset(
            sites=sites,
            contacts=contacts,
            youth=VALID["youth.csv"],
            outreach=None,
            responses=None,
            family_conversations=None,
            relative_inquiries=None,
        )
        run_import(self.write_folder(files))
        self.assertEqual(Contact.objects.get(code="K1").site, self.satellite_a)
        self.assertEqual(Site.objects.filter(code="alpha").count(), 1)
        self.assertEqual(ImportBatch.objects.get().counts["sites.csv"], 0)

    def test_it_lets_a_second_dataset_refer_to_young_people_and_relatives_already_imported(self):
        run_import(DATA / "valid")
        files = {
            "sites.csv": VALID["sites.csv"],
            "contacts.csv": [
                ["contact_code", "youth_code", "site_code", "date"],
                ["C100", "Y1", "ctr-x", "2025-01-01"],
            ],
            "family_conversations.csv": [
                ["conversation_code", "site_code", "date", "kind", "relative_codes"],
                ["F100", "fam-x", "2025-01-02", "relative", "R2"],
            ],
        }
        run_import(self.write_folder(files))
        self.assertEqual(Contact.objects.get(code="C100").youth.code, "Y1")
        self.assertEqual(
            [r.code for r in FamilyConversation.objects.get(code="F100").relatives.all()], ["R2"]
        )
        self.assertEqual(Youth.objects.filter(code="Y1").count(), 1)

    def test_it_reads_empty_cells_as_the_models_defaults(self):
        files = dataset(
            youth=[["youth_code", "gender"], ["Y1", ""], ["Y2", ""], ["Y3", ""]],
            contacts=[
                ["contact_code", "youth_code", "site_code", "date", "kind", "bridged"],
                ["C1", "Y1", "ctr-x", "2024-01-01", "", ""],
            ],
            responses=None,
        )
        run_import(self.write_folder(files))
        self.assertEqual(Youth.objects.get(code="Y1").gender, "unknown")
        contact = Contact.objects.get(code="C1")
        self.assertEqual(
            (contact.kind, contact.bridged, contact.channel), ("counselling", False, "")
        )

    def test_it_only_checks_on_a_dry_run(self):
        before = counts()
        output = run_import(DATA / "valid", "--dry-run")
        self.assertIn("contacts.csv", output)
        self.assertEqual(counts(), before)

    def test_it_imports_an_empty_dataset_of_known_sites(self):
        files = {
            "sites.csv": [
                ["site_code", "kind", "municipality_code", "name"],
                ["beta", "centre", "101", "headspace Beta"],
            ]
        }
        run_import(self.write_folder(files))
        self.assertEqual(ImportBatch.objects.get().counts["contacts.csv"], 0)
