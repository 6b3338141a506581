"""The national secretariat's administration of Family records."""

import datetime as dt

from django.urls import reverse

from frirum.audit.models import AuditEntry
from frirum.family.models import FamilyConversation, FamilyGroup, Relative, RelativeInquiry
from tests.base import BaseTestCase
from tests.family.helpers import make_conversation, make_group, make_inquiry, make_relative

MODELS = (FamilyGroup, Relative, FamilyConversation, RelativeInquiry)


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:family_{model._meta.model_name}_{view}", args=args)


class FamilyAdminTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.group = make_group(cls.family_site, label="Tirsdag")
        cls.mum = make_relative(cls.family_site, label="Mor", family_group=cls.group)
        cls.conversation = make_conversation(
            cls.family_site, [cls.mum], dt.date(2025, 3, 4), family_group=cls.group
        )
        cls.inquiry = make_inquiry(cls.family_site)

    def records(self):
        return {
            FamilyGroup: self.group,
            Relative: self.mum,
            FamilyConversation: self.conversation,
            RelativeInquiry: self.inquiry,
        }

    def test_it_lets_the_secretariat_open_every_changelist_and_record(self):
        self.login(self.secretariat)
        for model, record in self.records().items():
            with self.subTest(model=model.__name__):
                response = self.client.get(admin_url(model, "changelist"))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, record.code)
                change = self.client.get(admin_url(model, "change", record.pk))
                self.assertEqual(change.status_code, 200)

    def test_it_finds_records_by_code(self):
        other = make_relative(self.family_site, label="Far")
        self.login(self.secretariat)
        response = self.client.get(admin_url(Relative, "changelist"), {"q": self.mum.code})
        self.assertContains(response, self.mum.code)
        self.assertNotContains(response, other.code)
        response = self.client.get(
            admin_url(FamilyConversation, "changelist"), {"q": self.mum.code}
        )
        self.assertContains(response, self.conversation.code)

    def test_it_keeps_centre_chiefs_and_family_staff_out(self):
        for user in (self.chief_a, self.family_staff, self.peer, self.viewer_ballerup):
            self.login(user)
            for model in MODELS:
                with self.subTest(user=user.email, model=model.__name__):
                    response = self.client.get(admin_url(model, "changelist"))
                    self.assertEqual(response.status_code, 302)
                    self.assertIn("/login/", response["Location"])

    def test_it_adds_no_records_and_never_changes_a_code(self):
        self.login(self.secretariat)
        for model, record in self.records().items():
            with self.subTest(model=model.__name__):
                self.assertEqual(self.client.get(admin_url(model, "add")).status_code, 403)
                change = self.client.get(admin_url(model, "change", record.pk))
                self.assertNotContains(change, 'name="code"')
                self.assertNotContains(change, 'name="import_batch"')
                self.assertNotContains(change, 'name="created_at"')

    def test_it_refuses_a_phone_number_in_a_label_and_audits_a_correction(self):
        self.login(self.secretariat)
        url = admin_url(Relative, "change", self.mum.pk)
        data = {"label": "Mor 20304050", "relation": self.mum.relation_id, "family_group": ""}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["adminform"].form.errors["label"])
        self.mum.refresh_from_db()
        self.assertEqual(self.mum.label, "Mor")
        response = self.client.post(url, {**data, "label": "Mormor"})
        self.assertEqual(response.status_code, 302)
        entry = AuditEntry.objects.get(action="update", object_code=self.mum.code)
        self.assertEqual(entry.actor, self.secretariat)
        self.assertIn("label", entry.changes)
        self.assertIn("family_group", entry.changes)

    def test_it_applies_the_conversation_rules(self):
        dad = make_relative(self.family_site, label="Far")
        self.login(self.secretariat)
        url = admin_url(FamilyConversation, "change", self.conversation.pk)
        data = {
            "date": "2025-03-04",
            "kind": "relative",
            "channel": "in_person",
            "family_group": self.group.pk,
            "relatives": f"{self.mum.pk},{dad.pk}",
            "note": "",
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("kind", response.context["adminform"].form.errors)
        response = self.client.post(url, {**data, "kind": "family_without_youth"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(set(self.conversation.relatives.all()), {self.mum, dad})
        entry = AuditEntry.objects.get(action="update", object_code=self.conversation.code)
        self.assertEqual(
            entry.changes["relatives"], [[self.mum.code], sorted([self.mum.code, dad.code])]
        )

    def test_it_leaves_deletion_to_the_workspace_and_its_safety_net(self):
        # A deletion in the admin would bypass the role limit and the 30-day restore.
        self.login(self.secretariat)
        url = admin_url(RelativeInquiry, "delete", self.inquiry.pk)
        self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 403)
        self.assertTrue(RelativeInquiry.objects.filter(pk=self.inquiry.pk).exists())
