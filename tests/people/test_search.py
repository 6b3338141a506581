"""The search key: kept by the database on every write path, matched the same way on SQLite and
PostgreSQL, and never copied into the audit trail."""

from frirum.audit.models import AuditEntry
from frirum.interchange.bulk import BulkInserter
from frirum.people.actions import create_youth, update_youth
from frirum.people.models import Youth
from frirum.people.selectors import search_youth
from tests.base import BaseTestCase, make_contact, make_youth


class SearchKeyTestCase(BaseTestCase):
    def found(self, query: str, site=None) -> list:
        return list(search_youth(site=site or self.site_a, query=query))

    def test_it_finds_a_renamed_young_person_by_the_new_nickname(self):
        youth = create_youth(actor=self.volunteer_a, site=self.site_a, nickname="Ræven")
        update_youth(
            actor=self.volunteer_a,
            youth=youth,
            site=self.site_a,
            nickname="Uglen",
            gender="female",
            residence_municipality=None,
        )
        self.assertEqual(self.found("ugle"), [youth])
        self.assertEqual(self.found("ræv"), [])

    def test_it_finds_part_of_a_code_typed_without_dashes_in_any_case(self):
        youth = make_youth(self.site_a, code="U-AB7K-Q4MZ")
        for query in ("b7kq", "U-AB7K", "ab7k-q4", "Q4MZ"):
            with self.subTest(query=query):
                self.assertEqual(self.found(query), [youth])

    def test_it_matches_danish_letters_in_any_case(self):
        youth = make_youth(self.site_a, nickname="Blåbær")
        for query in ("blåb", "BLÅB", "Blåbær", "ÅBÆ", "åbæ"):
            with self.subTest(query=query):
                self.assertEqual(self.found(query), [youth])

    def test_it_finds_the_start_of_a_nickname_from_one_or_two_letters(self):
        fox = make_youth(self.site_a, nickname="Ræven")
        make_youth(self.site_a, nickname="Kræn")
        self.assertEqual(self.found("r"), [fox])
        self.assertEqual(self.found("RÆ"), [fox])
        # Too short for the trigram index: the middle of a nickname needs three letters.
        self.assertEqual(self.found("æv"), [])
        self.assertEqual(self.found("æve"), [fox])

    def test_it_never_matches_across_the_nickname_and_the_code(self):
        make_youth(self.site_a, nickname="Ab", code="U-CDEF-GHJK")
        self.assertEqual(self.found("abucd"), [])

    def test_it_finds_nobody_for_an_empty_query_or_at_another_site(self):
        make_youth(self.site_a, nickname="Ræven")
        self.assertEqual(self.found("  "), [])
        self.assertEqual(self.found("ræv", site=self.site_b), [])

    def test_it_finds_young_people_known_only_by_a_conversation_here(self):
        youth = make_youth(None, nickname="Svalen")
        make_contact(self.site_a, youth)
        self.assertEqual(self.found("sval"), [youth])
        self.assertEqual(self.found("sval", site=self.site_b), [])

    def test_it_fills_the_key_of_imported_young_people(self):
        BulkInserter(Youth, ["code", "gender"]).insert([("Y0012345", "male")])
        make_contact(self.site_a, Youth.objects.get(code="Y0012345"))
        self.assertEqual([y.code for y in self.found("12345")], ["Y0012345"])

    def test_it_keeps_the_key_out_of_the_audit_trail(self):
        youth = create_youth(actor=self.volunteer_a, site=self.site_a, nickname="Ræven")
        entry = AuditEntry.objects.get(object_type="people.youth", object_id=str(youth.pk))
        self.assertNotIn("search_key", str(entry.changes))
        self.assertNotIn("RÆVEN", str(entry.changes))
