"""A chief's anonymity review: the own site's findings, each editable or clearable."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frirum.audit.models import AuditEntry
from tests.base import BaseTestCase, make_contact, make_youth


class AnonymityReviewTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.contact = make_contact(cls.site_a, note="ring 12 34 56 78")
        cls.youth = make_youth(cls.site_a, code="010190-1234")
        cls.other_contact = make_contact(cls.site_b, note="snap: mads_j99")
        cls.url = reverse("core:anonymity_review", args=["alpha"])
        cls.clear_url = reverse("core:anonymity_clear", args=["alpha"])

    def test_it_lists_the_own_sites_findings_without_the_text(self):
        self.login(self.chief_a)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        text = response.content.decode()
        self.assertIn(f"#{self.contact.pk}", text)
        self.assertIn(f"#{self.youth.pk}", text)
        self.assertIn(reverse("contacts:contact_edit", args=[self.contact.code]), text)
        for secret in ("12 34 56 78", "010190", "mads_j99"):
            self.assertNotIn(secret, text)

    def test_it_is_linked_from_the_chiefs_navigation(self):
        self.login(self.chief_a)
        response = self.client.get(reverse("audit:site_log", args=["alpha"]))
        self.assertContains(response, self.url)

    def test_it_shows_an_empty_site(self):
        self.login(self.chief_a)
        response = self.client.get(reverse("core:anonymity_review", args=["alpha-sat"]))
        self.assertEqual(response.status_code, 404)  # a satellite has its own chief
        self.login(self.secretariat)
        response = self.client.get(reverse("core:anonymity_review", args=["alpha-sat"]))
        self.assertEqual(response.context["rows"], [])
        self.assertContains(response, "Intet fundet")

    def test_it_refuses_the_wrong_site_and_role(self):
        for user in (
            self.chief_b,
            self.a_employed_counsellor,
            self.a_volunteer_counsellor,
            self.viewer_ballerup,
            self.outsider,
        ):
            with self.subTest(user.email):
                self.login(user)
                self.assertEqual(self.client.get(self.url).status_code, 404)
                response = self.client.post(
                    self.clear_url,
                    {"model": "contacts.Contact", "record_id": self.contact.pk, "field": "note"},
                )
                self.assertEqual(response.status_code, 404)
        self.contact.refresh_from_db()
        self.assertEqual(self.contact.note, "ring 12 34 56 78")

    def test_it_lets_the_secretariat_in(self):
        self.login(self.secretariat)
        self.assertEqual(self.client.get(self.url).status_code, 200)

    def test_it_clears_a_text_with_a_redacted_audit_entry(self):
        self.login(self.chief_a)
        response = self.client.post(
            self.clear_url,
            {"model": "contacts.Contact", "record_id": self.contact.pk, "field": "note"},
        )
        self.assertRedirects(response, self.url)
        self.contact.refresh_from_db()
        self.assertEqual(self.contact.note, "")
        entry = AuditEntry.objects.get(
            object_type="contacts.contact", object_id=str(self.contact.pk)
        )
        self.assertEqual(entry.site, self.site_a)
        self.assertNotIn("12 34", str(entry.changes))

    def test_it_gives_an_identifying_code_a_new_one(self):
        self.login(self.chief_a)
        self.client.post(
            self.clear_url, {"model": "people.Youth", "record_id": self.youth.pk, "field": "code"}
        )
        self.youth.refresh_from_db()
        self.assertTrue(self.youth.code.startswith("U-"))
        entry = AuditEntry.objects.get(object_type="people.youth", object_id=str(self.youth.pk))
        self.assertNotIn("010190", str(entry.changes))

    def test_it_refuses_a_record_of_another_site_or_an_unscanned_field(self):
        self.login(self.chief_a)
        for data in (
            {"model": "contacts.Contact", "record_id": self.other_contact.pk, "field": "note"},
            {"model": "contacts.Contact", "record_id": self.contact.pk, "field": "kind"},
            {"model": "accounts.User", "record_id": self.chief_a.pk, "field": "full_name"},
            {"model": "contacts.Contact", "record_id": "x", "field": "note"},
        ):
            with self.subTest(data):
                response = self.client.post(self.clear_url, data, follow=True)
                self.assertEqual(response.status_code, 200)
        self.other_contact.refresh_from_db()
        self.assertEqual(self.other_contact.note, "snap: mads_j99")
        self.assertEqual(AuditEntry.objects.count(), 0)

    def test_it_refuses_to_clear_a_text_that_passes(self):
        clean = make_contact(self.site_a, note="Talte om eksamen")
        self.login(self.chief_a)
        self.client.post(
            self.clear_url, {"model": "contacts.Contact", "record_id": clean.pk, "field": "note"}
        )
        clean.refresh_from_db()
        self.assertEqual(clean.note, "Talte om eksamen")

    def test_it_reads_a_page_in_the_same_queries_however_many_findings(self):
        self.login(self.chief_a)
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url)
        for _ in range(20):
            make_contact(self.site_a, note="ring 12 34 56 78")
        with self.assertNumQueries(len(few.captured_queries)):
            response = self.client.get(self.url)
        self.assertEqual(len(response.context["rows"]), 22)
