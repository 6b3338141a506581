"""The young-person search finds the same people on SQLite and PostgreSQL, and on SQLite goes
through the FTS5 trigram table (frirum/people/search_index.py) instead of reading every young
person: the table follows every write, and a migrate repairs it."""

import unittest
from unittest import mock

from django.db import connection

from frirum.interchange.bulk import BulkInserter
from frirum.people import checks, search_index
from frirum.people.models import Youth
from frirum.people.selectors import search_youth
from tests.base import BaseTestCase, make_contact, make_youth
from tests.long_history import full_scans

SQLITE = connection.vendor == "sqlite"

PEOPLE = {
    "fox": ("Ræven", "U-AB7K-Q4MZ"),
    "berry": ("Blåbær", "U-CD2E-FG3H"),
    "eye": ("Øjesten", "U-JK4L-MN5P"),
    "apple": ("ÆBLEMOST", "U-QR6S-TV7W"),
    "kraen": ("Kræn", "U-XY8Z-AB9C"),
    "quote": ('Sig "hej"', "U-DE2F-GH3J"),
    "nameless": ("", "U-KL4M-NP5Q"),
}
# The query and whom it finds, on both databases.
QUERIES = {
    "ræv": {"fox"},
    "RÆV": {"fox"},
    "Ræven": {"fox"},
    "æve": {"fox"},
    "ræn": {"kraen"},
    "ÆN": set(),  # two letters: the start of a nickname only
    "æbl": {"apple"},
    "blemo": {"apple"},
    "BLÅ": {"berry"},
    "åbæ": {"berry"},
    "øje": {"eye"},
    "JESTEN": {"eye"},
    "ab7kq4": {"fox"},
    "U-AB7K": {"fox"},
    "ab7k-q4mz": {"fox"},
    "ab 7k": {"fox"},
    "kl4m": {"nameless"},
    "L4M-NP": {"nameless"},
    '"he': {"quote"},
    'g "hej"': {"quote"},
    "hej": {"quote"},
    "ab": set(),
    "r": {"fox"},
    "k": {"kraen"},
    "zzz": set(),
    "en": set(),
    "st": set(),
    # A code piece shorter than a trigram: read from the keys on both databases.
    "e-n": {"fox", "eye"},
    "a-b": {"fox", "kraen"},
    "*": set(),
    "ven OR bær": set(),
    "NEAR(ræv)": set(),
    "%æ%": set(),
}


class SearchEquivalenceTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = {
            name: make_youth(cls.site_a, nickname=nickname, code=code)
            for name, (nickname, code) in PEOPLE.items()
        }
        # Elsewhere in the network: never found at site A.
        make_youth(cls.site_b, nickname="Rævehale", code="U-RV2H-AL3E")

    def found(self, query: str) -> set[str]:
        codes = set(search_youth(site=self.site_a, query=query).values_list("code", flat=True))
        return {name for name, youth in self.people.items() if youth.code in codes}

    def test_it_finds_the_same_young_people_on_both_databases(self):
        for query, expected in QUERIES.items():
            with self.subTest(query=query):
                self.assertEqual(self.found(query), expected)

    @unittest.skipUnless(SQLITE, "the FTS5 table is SQLite's")
    def test_it_finds_with_the_index_what_reading_every_key_finds(self):
        self.assertTrue(search_index.trigram_available())
        queries = list(QUERIES)
        for nickname, code in PEOPLE.values():
            key = f"{nickname}\t{code.replace('-', '')}"
            queries += [key[i : i + n] for n in (3, 4, 6) for i in range(0, len(key) - n + 1, 2)]
        indexed = {query: self.found(query) for query in queries}
        with mock.patch.object(search_index, "trigram_available", return_value=False):
            for query in queries:
                with self.subTest(query=query):
                    self.assertEqual(indexed[query], self.found(query))

    @unittest.skipUnless(SQLITE, "SQLite's query plans")
    def test_it_reads_no_young_person_table_whole_for_three_letters_or_more(self):
        Youth.objects.bulk_create(Youth(code=f"Y{i:06d}", gender="unknown") for i in range(2000))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        for query in ("ræv", "Blåbær", "ab7kq4", "U-AB7K-Q4MZ", "000123"):
            with self.subTest(query=query):
                queryset = search_youth(site=self.site_a, query=query)
                sql, params = queryset.query.sql_with_params()
                with connection.cursor() as cursor:
                    # Django's own quoting of the parameters, as the page would send them.
                    sqls = [connection.ops.last_executed_query(cursor, sql, params)]
                self.assertEqual(full_scans(sqls, ("people_youth",)), [])
                self.assertTrue(
                    any(search_index.TABLE in line for line in self.plan(sqls[0])), sqls[0]
                )

    def plan(self, sql: str) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return [row[-1] for row in cursor.fetchall()]


def index_rows() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid, search_key FROM {search_index.TABLE} ORDER BY rowid")  # noqa: S608
        return [tuple(row) for row in cursor.fetchall()]


def table_rows() -> list[tuple]:
    return list(Youth.objects.order_by("pk").values_list("pk", "search_key"))


@unittest.skipUnless(SQLITE, "the FTS5 table is SQLite's")
class SearchIndexTestCase(BaseTestCase):
    def test_it_follows_inserts_renames_and_deletes(self):
        fox = make_youth(self.site_a, nickname="Ræven")
        owl = make_youth(self.site_a, nickname="Uglen")
        BulkInserter(Youth, ["code", "gender"]).insert([("Y0012345", "male")])
        Youth.objects.bulk_create([Youth(code="Y0099999", nickname="Svalen")])
        fox.nickname = "Mågen"
        fox.save(update_fields=["nickname"])
        Youth.objects.filter(pk=owl.pk).update(code="U-NEW2-CODE")
        Youth.objects.filter(code="Y0099999").delete()
        self.assertEqual(index_rows(), table_rows())
        make_contact(self.site_a, Youth.objects.get(code="Y0012345"))
        self.assertEqual(
            [y.code for y in search_youth(site=self.site_a, query="12345")], ["Y0012345"]
        )
        self.assertEqual(list(search_youth(site=self.site_a, query="måg")), [fox])
        self.assertEqual(list(search_youth(site=self.site_a, query="ræv")), [])

    def test_it_rebuilds_the_table_from_the_young_people(self):
        make_youth(self.site_a, nickname="Ræven")
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {search_index.TABLE}")  # noqa: S608
        search_index.rebuild(connection)
        self.assertEqual(index_rows(), table_rows())

    def test_it_puts_back_triggers_a_table_rebuild_dropped(self):
        # What SQLite's schema editor does to a table it alters: its triggers go with it.
        search_index.drop(connection)
        make_youth(self.site_a, nickname="Ræven")
        search_index.ensure(connection)
        self.assertEqual(index_rows(), table_rows())
        make_youth(self.site_a, nickname="Uglen")
        self.assertEqual(index_rows(), table_rows())


class SearchIndexCheckTestCase(BaseTestCase):
    def test_it_warns_about_a_sqlite_without_trigrams(self):
        with mock.patch.object(search_index, "trigram_available", return_value=False):
            warnings = checks.check_search_index()
        self.assertEqual([w.id for w in warnings], ["frirum.W004"] if SQLITE else [])

    def test_it_says_nothing_when_the_index_can_be_used(self):
        with mock.patch.object(search_index, "trigram_available", return_value=True):
            self.assertEqual(checks.check_search_index(), [])
