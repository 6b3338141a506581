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
