"""Report figures are kept in the cache while the data stays the same, and never served stale
after a registration, a change, a deletion or an import."""

import datetime as dt
import zipfile
from pathlib import Path
from tempfile import TemporaryDirectory
from unittest import mock

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from frirum.contacts.actions import ContactDetails, create_contact, delete_contact, update_contact
from frirum.interchange.actions import import_dataset
from frirum.people.actions import update_youth
from frirum.reports import caching, figures
from frirum.sites.models import Site
from tests.base import BaseTestCase, make_contact, make_youth
from tests.interchange.helpers import VALID, to_bytes
from tests.questionnaires.factories import answer


class FreshCacheMixin:
    """Each test starts from an empty cache: a rolled-back test may leave the same ids behind
    with other data (SQLite reuses the ids of rows rolled back), which a real database never
    does to committed rows."""

    def setUp(self):
        super().setUp()
        cache.clear()
        self.addCleanup(cache.clear)


YEAR = 2024


class CachedPagesTests(FreshCacheMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for n in range(6):
            youth = make_youth(cls.site_a, residence_municipality=cls.ballerup)
            make_contact(cls.site_a, youth, dt.date(YEAR, 3, 1 + n), age=16, themes=["anxiety"])
        make_contact(cls.site_a, date=dt.date(YEAR - 1, 3, 1), age=15, themes=["stress"])

    def annual(self, **params):
        return self.client.get(reverse("reports:annual", args=["alpha"]), {"year": YEAR, **params})

    def personal(self, response) -> str:
        rows = {row.key: row for row in response.context["report"].sections[0].tables[0].rows}
        return rows["personal"].current.text

    def register(self, *, date=dt.date(YEAR, 6, 1)):
        return create_contact(
            actor=self.chief_a,
            site=self.site_a,
            youth=make_youth(self.site_a),
            details=ContactDetails(date=date, channel="in_person", age=17),
        )

    def test_it_computes_a_report_page_once_while_the_data_stays(self):
        self.login(self.chief_a)
        with mock.patch("frirum.reports.views.figures.annual", wraps=figures.annual) as annual:
            first = self.annual()
            second = self.annual()
        # This year and last year, once each.
        self.assertEqual(annual.call_count, 2)
        self.assertEqual(self.personal(first), self.personal(second))
        self.assertEqual(self.personal(second), "6")

    def test_it_reads_a_cached_report_in_a_fixed_number_of_queries(self):
        self.login(self.chief_a)
        self.annual()
        # Session, the user with their memberships (the whole menu), the site and the
        # chief's role (access), the data version, the term and municipality labels, the
        # site's satellites and opening hours (facts): no figure queries, however much data
        # there is.
        with self.assertNumQueries(8 + len(caching._max_ids_statements())):
            self.annual()

    def test_it_serves_the_trends_from_the_cache(self):
        make_contact(self.site_b, date=dt.date(YEAR - 2, 5, 1), age=20, themes=["stress"])
        self.login(self.secretariat)
        with mock.patch("frirum.reports.views.figures.trends", wraps=figures.trends) as trends:
            first = self.client.get(reverse("reports:trends"))
            # Session, user, the data version, term and municipality labels, the navigation.
            with self.assertNumQueries(5 + len(caching._max_ids_statements())):
                second = self.client.get(reverse("reports:trends"))
        self.assertEqual(trends.call_count, 1)
        self.assertEqual(first.context["trends"].years, [YEAR - 2, YEAR - 1, YEAR])
        self.assertEqual(second.context["trends"].years, first.context["trends"].years)

    def test_it_shows_a_registration_at_once(self):
        self.login(self.chief_a)
        self.assertEqual(self.personal(self.annual(k=1)), "6")
        self.register()
        self.assertEqual(self.personal(self.annual(k=1)), "7")

    def test_it_shows_a_change_and_a_deletion_at_once(self):
        self.login(self.chief_a)
        contact = self.register()
        self.assertEqual(self.personal(self.annual(k=1)), "7")
        # Moved to the year before: same rows, same ids; the audit entry tells.
        update_contact(
            actor=self.chief_a,
            contact=contact,
            site=self.site_a,
            youth=contact.youth,
            details=ContactDetails(date=dt.date(YEAR - 1, 6, 1), channel="in_person", age=17),
        )
        self.assertEqual(self.personal(self.annual(k=1)), "6")
        delete_contact(actor=self.chief_a, contact=self.site_a.contacts.filter(date__year=YEAR)[0])
        self.assertEqual(self.personal(self.annual(k=1)), "5")

    def test_it_gives_exact_json_after_a_registration(self):
        self.login(self.chief_a)
        url = reverse("reports:annual_download", args=["alpha", "json"])
        self.assertEqual(self.client.get(url, {"year": YEAR}).json()["contacts"]["total"], 6)
        self.register()
        self.assertEqual(self.client.get(url, {"year": YEAR}).json()["contacts"]["total"], 7)

    def test_it_shows_an_import_in_the_trends_at_once(self):
        self.login(self.secretariat)
        url = reverse("reports:trends")
        self.assertEqual(self.trend_contacts(self.client.get(url, {"k": 1})), ["1", "6"])
        with TemporaryDirectory() as folder:
            path = Path(folder) / "dataset.zip"
            with zipfile.ZipFile(path, "w") as archive:
                for name, rows in VALID.items():
                    archive.writestr(name, to_bytes(rows))
            with override_settings(DATA_DIR=Path(folder) / "data"):
                import_dataset(path=path, actor=self.secretariat)
        # The dataset's three conversations in 2024 at a new centre and its satellite (the
        # fourth is at a chat, which the trends leave out).
        after = self.client.get(url, {"k": 1})
        self.assertEqual(self.trend_contacts(after)[-2:], ["1", "9"])

    def trend_contacts(self, response) -> list[str]:
        row = next(r for r in response.context["trends"].overview if r.code == "contacts_total")
        return [cell.text for cell in row.cells]


class DataVersionTests(FreshCacheMixin, BaseTestCase):
    def assert_changes(self, write) -> None:
        before = caching.data_version()
        write()
        self.assertNotEqual(caching.data_version(), before)

    def test_it_is_a_fixed_number_of_queries_and_stays_while_nothing_is_written(self):
        statements = caching._max_ids_statements()
        with self.assertNumQueries(len(statements)):
            version = caching.data_version()
        self.assertEqual(caching.data_version(), version)

    def test_it_reads_every_source_within_postgresqls_fast_path_locks(self):
        statements = caching._max_ids_statements()
        self.assertEqual(sum(s.count("MAX(") for s in statements), len(caching.SOURCES))
        if connection.vendor == "postgresql":
            # A table and its primary key index per MAX: at most 16 locks per statement.
            for statement in statements:
                self.assertLessEqual(2 * statement.count("MAX("), 16, statement)
        else:
            self.assertEqual(len(statements), 1)

    def test_it_changes_with_a_registration(self):
        self.assert_changes(
            lambda: create_contact(
                actor=self.chief_a,
                site=self.site_a,
                youth=make_youth(self.site_a),
                details=ContactDetails(date=dt.date(YEAR, 1, 2), channel="phone"),
            )
        )

    def test_it_changes_with_a_change_to_a_young_person(self):
        youth = make_youth(self.site_a)
        self.assert_changes(
            lambda: update_youth(
                actor=self.chief_a,
                youth=youth,
                site=self.site_a,
                nickname="",
                gender="male",
                residence_municipality=self.aarhus,
            )
        )

    def test_it_changes_with_an_answer(self):
        contact = make_contact(self.site_a)
        self.assert_changes(lambda: answer(contact, "helped", helped=4))

    def test_it_changes_with_an_edit_in_the_admin(self):
        # The admin writes a log entry for every change and deletion it makes.
        self.assert_changes(
            lambda: LogEntry.objects.create(
                user=self.secretariat,
                content_type=ContentType.objects.get_for_model(Site),
                object_id=str(self.site_a.pk),
                object_repr=str(self.site_a),
                action_flag=CHANGE,
            )
        )

    def test_it_stays_through_sign_ins_and_other_account_events(self):
        # An attacker's failed sign-ins (or a busy morning's sign-ins) must not throw away
        # the cached reports: account events change no figure.
        from frirum.audit.models import AuditAction, AuditEntry

        before = caching.data_version()
        for action in (AuditAction.SIGN_IN, AuditAction.SIGN_IN_FAILED, AuditAction.SIGN_OUT):
            AuditEntry.objects.create(
                actor=self.chief_a, action=action, object_type="accounts.user", object_id="1"
            )
        self.assertEqual(caching.data_version(), before)
        AuditEntry.objects.create(
            actor=self.chief_a, action=AuditAction.UPDATE, object_type="x", object_id="1"
        )
        self.assertNotEqual(caching.data_version(), before)

    def test_it_changes_with_a_new_site(self):
        self.assert_changes(
            lambda: Site.objects.create(code="chat-2", name="headspace chat 2", kind="chat")
        )


class CacheKeyTests(FreshCacheMixin, BaseTestCase):
    def test_it_keys_by_kind_year_site_and_version(self):
        keys = {
            caching.cache_key("annual", year=2024, site=self.site_a, version="v1"),
            caching.cache_key("annual", year=2023, site=self.site_a, version="v1"),
            caching.cache_key("annual", year=2024, site=self.site_b, version="v1"),
            caching.cache_key("family", year=2024, site=None, version="v1"),
            caching.cache_key("national", year=2024, site=None, version="v1"),
            caching.cache_key("national", year=2024, site=None, version="v2"),
            caching.cache_key("trends", year=None, site=None, version="v1"),
        }
        self.assertEqual(len(keys), 7)

    def test_it_keys_by_the_figures_code(self):
        key = caching.cache_key("national", year=2024, site=None, version="v1")
        with mock.patch.object(caching, "code_version", return_value="other"):
            self.assertNotEqual(
                caching.cache_key("national", year=2024, site=None, version="v1"), key
            )

    def test_it_keeps_figures_for_the_timeout(self):
        compute = mock.Mock(return_value={"year": 2024})
        with (
            override_settings(FRIRUM_REPORT_CACHE_SECONDS=42),
            mock.patch.object(caching.django_cache, "set") as cache_set,
        ):
            caching.cached_figures("national", year=2024, site=None, version="v", compute=compute)
        self.assertEqual(cache_set.call_args.args[2], 42)
        self.assertEqual(caching.timeout(), caching.DEFAULT_TIMEOUT)

    def test_it_computes_an_empty_result_once(self):
        compute = mock.Mock(return_value={})
        for _ in range(2):
            result = caching.cached_figures(
                "family", year=2024, site=None, version="v", compute=compute
            )
        self.assertEqual(result, {})
        self.assertEqual(compute.call_count, 1)
