"""A site's data version (frirum/audit/versions.py) is read once per request, and any write
in the middle of the request is seen by what is read after it."""

from django.contrib.admin.models import ADDITION, LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.audit.actions import audit_batch, record_audit
from frirum.audit.models import AuditAction
from frirum.audit.versions import remember_versions, site_data_version, stop_remembering
from tests.base import BaseTestCase, make_youth


class SiteVersionTestCase(BaseTestCase):
    def reads(self, site) -> int:
        with CaptureQueriesContext(connection) as ctx:
            site_data_version(site.pk)
        return len(ctx.captured_queries)

    def in_request(self):
        # What the request signals call (frirum/audit/apps.py). Sending the signals here would
        # also close the test's database connection, as a real request's end does.
        remember_versions()
        self.addCleanup(stop_remembering)

    def audit(self, site):
        record_audit(
            actor=self.volunteer_a, action=AuditAction.CREATE, instance=make_youth(site), site=site
        )

    def test_it_reads_each_version_every_time_outside_a_request(self):
        self.assertEqual(self.reads(self.site_a), 1)
        self.assertEqual(self.reads(self.site_a), 1)

    def test_it_reads_a_sites_version_once_per_request(self):
        self.in_request()
        self.assertEqual(self.reads(self.site_a), 1)
        self.assertEqual(self.reads(self.site_a), 0)
        self.assertEqual(self.reads(self.site_b), 1)

    def test_it_forgets_at_the_end_of_the_request(self):
        self.login(self.volunteer_a)
        self.assertEqual(self.client.get("/s/alpha/contacts/new/").status_code, 200)
        self.assertEqual(self.reads(self.site_a), 1)
        self.assertEqual(self.reads(self.site_a), 1)

    def test_it_sees_a_write_in_the_middle_of_a_request(self):
        self.in_request()
        before = site_data_version(self.site_a.pk)
        self.audit(self.site_a)
        after = site_data_version(self.site_a.pk)
        self.assertNotEqual(after, before)
        with audit_batch():
            self.audit(self.site_a)
        self.assertNotEqual(site_data_version(self.site_a.pk), after)

    def test_it_sees_an_admin_change_in_the_middle_of_a_request(self):
        self.in_request()
        before = site_data_version(self.site_a.pk)
        LogEntry.objects.log_actions(self.secretariat.pk, [self.site_b], ADDITION)
        self.assertNotEqual(site_data_version(self.site_a.pk), before)

    def test_it_reads_the_registration_forms_version_once(self):
        self.login(self.volunteer_a)
        self.client.get("/s/alpha/contacts/new/")
        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get("/s/alpha/contacts/new/").status_code, 200)
        versions = [q for q in ctx.captured_queries if "MAX(id)" in q["sql"]]
        self.assertEqual(len(versions), 1)
