"""The conversation page, editing and deleting, and the audit trail of each."""

import datetime as dt

from frirum.audit.models import AuditEntry
from frirum.contacts.actions import ContactDetails, create_contact
from frirum.contacts.models import Contact
from frirum.taxonomies.models import Term, Vocabulary
from tests.base import BaseTestCase, make_youth, term
from tests.contacts.factories import contact_post


class ContactChangeTestCase(BaseTestCase):
    def setUp(self):
        self.youth = make_youth(self.site_a, nickname="Bølgen")
        self.contact = create_contact(
            actor=self.volunteer_a,
            site=self.site_a,
            youth=self.youth,
            details=ContactDetails(
                date=dt.date(2025, 3, 4),
                channel="in_person",
                counsellors=[self.volunteer_a],
                themes=[term(Vocabulary.YOUTH_THEME, "stress")],
                age=17,
            ),
        )

    def edit_post(self, **overrides):
        data = contact_post(
            self.site_a,
            youth_mode="existing",
            youth=self.youth.code,
            counsellors=[str(self.volunteer_a.pk)],
            **overrides,
        )
        return self.client.post(f"/contacts/{self.contact.code}/edit/", data)

    def test_it_shows_the_conversation_with_its_trail(self):
        self.login(self.volunteer_a)
        r = self.client.get(f"/contacts/{self.contact.code}/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Bølgen")
        self.assertEqual(len(r.context["trail"]), 1)
        self.assertContains(r, self.volunteer_a.full_name)
        self.assertTemplateUsed(r, "questionnaires/includes/contact_feedback.html")

    def test_it_prefills_the_edit_form(self):
        self.login(self.volunteer_a)
        r = self.client.get(f"/contacts/{self.contact.code}/edit/")
        self.assertEqual(r.context["form"].initial["age"], 17)
        self.assertEqual(r.context["chosen_youth"], self.youth.code)

    def test_it_saves_changes_and_audits_what_changed(self):
        self.login(self.chief_a)
        r = self.edit_post(age="18", channel="phone")
        self.assertRedirects(r, f"/contacts/{self.contact.code}/")
        self.contact.refresh_from_db()
        self.assertEqual(self.contact.age, 18)
        self.assertEqual(self.contact.channel, "phone")
        entry = AuditEntry.objects.filter(action="update").get()
        self.assertEqual(entry.actor, self.chief_a)
        self.assertEqual(entry.changes["age"], [17, 18])
        self.assertEqual(entry.changes["channel"], ["in_person", "phone"])
        self.assertEqual(entry.changes["themes"], [["stress"], ["anxiety"]])
        r = self.client.get(f"/contacts/{self.contact.code}/")
        self.assertEqual(len(r.context["trail"]), 2)

    def test_it_keeps_a_retired_term_the_record_already_has(self):
        Term.objects.filter(vocabulary=Vocabulary.YOUTH_THEME, code="stress").update(
            is_active=False
        )
        self.login(self.volunteer_a)
        r = self.client.get(f"/contacts/{self.contact.code}/edit/")
        codes = {t.code for t in r.context["form"].fields["themes"].queryset}
        self.assertIn("stress", codes)

    def test_it_keeps_the_free_text_out_of_the_trail(self):
        self.login(self.volunteer_a)
        self.edit_post(note="Talte om eksamen")
        entry = AuditEntry.objects.filter(action="update").get()
        self.assertNotIn("eksamen", str(entry.changes))

    def test_it_refuses_bad_input_on_edit_and_changes_nothing(self):
        self.login(self.volunteer_a)
        r = self.edit_post(note="mail mig på ung@example.org", age="17")
        self.assertEqual(r.status_code, 400)
        self.assertIn("note", r.context["form"].errors)
        self.contact.refresh_from_db()
        self.assertEqual(self.contact.note, "")
        self.assertFalse(AuditEntry.objects.filter(action="update").exists())

    def test_it_asks_before_deleting(self):
        self.login(self.a_employed_counsellor)
        r = self.client.get(f"/contacts/{self.contact.code}/delete/")
        self.assertEqual(r.status_code, 200)
        self.assertTrue(Contact.objects.filter(pk=self.contact.pk).exists())

    def test_it_deletes_on_post_and_the_audit_entry_survives(self):
        self.login(self.a_employed_counsellor)
        r = self.client.post(f"/contacts/{self.contact.code}/delete/")
        self.assertRedirects(r, f"/s/alpha/youth/{self.youth.code}/")
        self.assertFalse(Contact.objects.filter(pk=self.contact.pk).exists())
        entry = AuditEntry.objects.get(action="delete")
        self.assertEqual(entry.object_code, self.contact.code)
        self.assertEqual(entry.actor, self.a_employed_counsellor)
        self.assertEqual(entry.changes["age"], [17, None])

    def test_it_404s_a_deleted_conversation(self):
        self.login(self.a_employed_counsellor)
        self.client.post(f"/contacts/{self.contact.code}/delete/")
        self.assertEqual(self.client.get(f"/contacts/{self.contact.code}/").status_code, 404)
