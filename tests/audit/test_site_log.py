from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from tests.base import BaseTestCase, make_contact


class SiteLogTestCase(BaseTestCase):
    def delete_contact(self, site, note=""):
        contact = make_contact(site, note=note)
        before = snapshot(contact, m2m=("themes",))
        record_audit(
            actor=self.volunteer_a,
            action=AuditAction.DELETE,
            instance=contact,
            site=site,
            before=before,
        )
        code = contact.code
        contact.delete()
        return code

    def test_it_shows_a_deleted_record_to_the_chief(self):
        code = self.delete_contact(self.site_a)
        self.login(self.chief_a)
        r = self.client.get("/s/alpha/log/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, code)
        self.assertContains(r, self.volunteer_a.full_name)

    def test_it_never_shows_free_text(self):
        self.delete_contact(self.site_a, note="hemmelig bemærkning")
        self.login(self.chief_a)
        self.assertNotContains(self.client.get("/s/alpha/log/"), "hemmelig")

    def test_it_filters_by_action(self):
        code = self.delete_contact(self.site_a)
        self.login(self.chief_a)
        self.assertNotContains(self.client.get("/s/alpha/log/?action=create"), code)
        self.assertContains(self.client.get("/s/alpha/log/?action=delete"), code)

    def test_it_keeps_other_sites_out(self):
        code = self.delete_contact(self.site_b)
        self.login(self.chief_a)
        self.assertNotContains(self.client.get("/s/alpha/log/"), code)
        for user in (self.volunteer_a, self.chief_b, self.viewer_ballerup, self.outsider):
            self.login(user)
            self.assertEqual(self.client.get("/s/alpha/log/").status_code, 404, user)

    def test_it_shows_the_empty_case(self):
        self.login(self.secretariat)
        self.assertContains(self.client.get("/s/beta/log/"), "Ingen ændringer")

    def test_it_pages_with_a_constant_number_of_queries(self):
        self.delete_contact(self.site_a)
        self.login(self.chief_a)
        with CaptureQueriesContext(connection) as few:
            self.client.get("/s/alpha/log/")
        for _ in range(60):
            self.delete_contact(self.site_a)
        with CaptureQueriesContext(connection) as many:
            r = self.client.get("/s/alpha/log/")
        self.assertEqual(len(r.context["trail"]), 50)
        self.assertEqual(len(many), len(few))

    def queries_for(self, url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(ctx.captured_queries)

    def test_it_keeps_a_pages_rendered_rows_under_their_ids(self):
        for _ in range(3):
            self.delete_contact(self.site_a)
        self.login(self.chief_a)
        first = self.queries_for("/s/alpha/log/")
        self.assertLess(self.queries_for("/s/alpha/log/"), first)

    def test_it_shows_a_new_entry_at_once_whatever_its_action(self):
        old = self.delete_contact(self.site_a)
        self.login(self.chief_a)
        self.assertContains(self.client.get("/s/alpha/log/"), old)
        new = self.delete_contact(self.site_a)
        self.client.get("/reports/annual/alpha/download.csv?year=2025")  # an export, not data
        r = self.client.get("/s/alpha/log/")
        self.assertContains(r, new)
        self.assertContains(r, "reports.annual")
        self.assertContains(r, old)

    def test_it_keeps_filters_and_pages_apart(self):
        codes = [self.delete_contact(self.site_a) for _ in range(55)]
        self.login(self.chief_a)
        self.assertContains(self.client.get("/s/alpha/log/"), codes[-1])
        self.assertNotContains(self.client.get("/s/alpha/log/?page=2"), codes[-1])
        self.assertContains(self.client.get("/s/alpha/log/?page=2"), codes[0])
        self.assertNotContains(self.client.get("/s/alpha/log/?action=create"), codes[-1])

    def test_it_keeps_languages_apart_and_other_sites_out_after_caching(self):
        self.delete_contact(self.site_a)
        self.login(self.chief_a)
        self.assertContains(self.client.get("/s/alpha/log/"), "Slettet")
        self.client.cookies.load({"django_language": "en"})
        self.assertContains(self.client.get("/s/alpha/log/"), "Deleted")
        self.login(self.chief_b)
        self.assertEqual(self.client.get("/s/alpha/log/").status_code, 404)
