"""Deletion with a safety net (issue 9, point 7): who may delete, restore by the chief within
the retention period, the purge command, and reports that never count a deleted record."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from frirum.accounts.backends import EmailBackend
from frirum.accounts.models import User
from frirum.audit.models import AuditEntry
from frirum.contacts.models import Contact, GroupSession, Outreach
from frirum.family.models import FamilyConversation, FamilyGroup, RelativeInquiry
from frirum.people.models import Youth
from frirum.questionnaires.models import Response
from frirum.reports import caching, figures
from frirum.sites.models import DeletionPolicy
from frirum.trash.access import can_delete_records
from frirum.trash.models import DeletedRecord
from tests.base import BaseTestCase, make_contact, make_outreach, make_youth
from tests.family.helpers import make_conversation, make_group, make_inquiry, make_relative
from tests.questionnaires.factories import answer


class SafeDeletionTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.youth = make_youth(cls.site_a, nickname="Alfa")
        cls.contact = make_contact(
            cls.site_a,
            cls.youth,
            themes=["loneliness"],
            counsellors=[cls.volunteer_a],
            age=17,
        )
        answer(cls.contact, "helped", helped=4)

    def delete_contact(self, user):
        self.login(user)
        return self.client.post(f"/contacts/{self.contact.code}/delete/")

    def restore(self, user, record):
        self.login(user)
        return self.client.post(f"/s/{record.site.code}/deleted/{record.pk}/restore/")

    # Who may delete ---------------------------------------------------------------------

    def test_it_lets_the_chief_and_employed_counsellors_delete_by_default(self):
        for user in (self.chief_a, self.a_employed_counsellor):
            contact = make_contact(self.site_a, self.youth)
            self.login(user)
            r = self.client.post(f"/contacts/{contact.code}/delete/")
            self.assertEqual(r.status_code, 302, user)
            self.assertFalse(Contact.objects.filter(pk=contact.pk).exists())

    def test_it_refuses_volunteers_seconded_staff_and_the_secretariat_by_default(self):
        for user in (
            self.volunteer_a,
            self.a_seconded_municipal,
            self.a_seconded_psychiatry,
            self.a_peer_volunteer,
            self.secretariat,
        ):
            with self.subTest(user=user.email):
                self.assertEqual(self.delete_contact(user).status_code, 403)
        self.assertTrue(Contact.objects.filter(pk=self.contact.pk).exists())
        self.assertFalse(DeletedRecord.objects.exists())

    def test_it_refuses_a_chief_whose_membership_has_ended(self):
        self.chief_a.memberships.filter(site=self.site_a).update(is_active=False)
        self.assertEqual(self.delete_contact(self.chief_a).status_code, 404)
        self.assertFalse(can_delete_records(User.objects.get(pk=self.chief_a.pk), self.site_a))

    def test_it_answers_who_may_delete_from_the_memberships_read_with_the_user(self):
        user = EmailBackend().get_user(self.a_employed_counsellor.pk)
        with self.assertNumQueries(0):
            self.assertTrue(can_delete_records(user, self.site_a))
            self.assertFalse(can_delete_records(user, self.site_b))
        self.assertFalse(can_delete_records(AnonymousUser(), self.site_a))
        self.assertFalse(can_delete_records(user, None))

    def test_it_404s_a_deletion_from_the_wrong_site(self):
        self.assertEqual(self.delete_contact(self.b_employed_counsellor).status_code, 404)
        self.assertEqual(self.delete_contact(self.chief_b).status_code, 404)
        self.assertTrue(Contact.objects.filter(pk=self.contact.pk).exists())

    def test_it_hides_the_delete_button_from_who_may_not_delete(self):
        self.login(self.volunteer_a)
        r = self.client.get(f"/contacts/{self.contact.code}/")
        self.assertNotContains(r, f"/contacts/{self.contact.code}/delete/")
        self.login(self.a_employed_counsellor)
        r = self.client.get(f"/contacts/{self.contact.code}/")
        self.assertContains(r, f"/contacts/{self.contact.code}/delete/")

    def test_it_lets_every_counsellor_delete_once_the_chief_widens_it(self):
        self.login(self.chief_a)
        r = self.client.post("/s/alpha/deleted/", {"who_may_delete": "counsellors"})
        self.assertEqual(r.status_code, 302)
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.who_may_delete, DeletionPolicy.COUNSELLORS)
        self.assertEqual(self.delete_contact(self.volunteer_a).status_code, 302)
        # Peer volunteers never delete.
        contact = make_contact(self.site_a, self.youth)
        self.login(self.a_peer_volunteer)
        self.assertEqual(self.client.post(f"/contacts/{contact.code}/delete/").status_code, 403)

    def test_it_lets_only_the_chief_change_who_may_delete(self):
        for user in (self.a_employed_counsellor, self.volunteer_a, self.chief_b):
            self.login(user)
            r = self.client.post("/s/alpha/deleted/", {"who_may_delete": "counsellors"})
            self.assertEqual(r.status_code, 404)
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.who_may_delete, DeletionPolicy.STAFF)

    def test_it_refuses_an_unknown_policy(self):
        self.login(self.chief_a)
        r = self.client.post("/s/alpha/deleted/", {"who_may_delete": "everyone"})
        self.assertEqual(r.status_code, 400)
        self.assertTrue(r.context["form"].errors)

    # Restore ------------------------------------------------------------------------------

    def test_it_restores_a_conversation_with_its_answers_themes_and_counsellors(self):
        self.delete_contact(self.a_employed_counsellor)
        self.assertFalse(Contact.objects.filter(pk=self.contact.pk).exists())
        self.assertFalse(Response.objects.exists())
        record = DeletedRecord.objects.get()
        self.assertEqual(record.counts["contacts.contact"], 1)
        self.assertEqual(record.counts["questionnaires.response"], 1)
        r = self.restore(self.chief_a, record)
        self.assertEqual(r.status_code, 302)
        contact = Contact.objects.get(pk=self.contact.pk)
        self.assertEqual(contact.code, self.contact.code)
        self.assertEqual(contact.age, 17)
        self.assertEqual([t.code for t in contact.themes.all()], ["loneliness"])
        self.assertEqual(list(contact.counsellors.all()), [self.volunteer_a])
        self.assertEqual(Response.objects.get().contact, contact)
        self.assertFalse(DeletedRecord.objects.exists())
        self.assertTrue(AuditEntry.objects.filter(action="restore", object_code=contact.code))

    def test_it_lists_the_sites_deleted_records_for_the_chief_only(self):
        self.delete_contact(self.a_employed_counsellor)
        self.login(self.chief_a)
        r = self.client.get("/s/alpha/deleted/")
        self.assertContains(r, self.contact.code)
        self.assertNotContains(r, "Alfa")  # no nickname, no free text
        for user in (self.a_employed_counsellor, self.volunteer_a, self.chief_b):
            self.login(user)
            self.assertEqual(self.client.get("/s/alpha/deleted/").status_code, 404)
        self.login(self.chief_b)
        self.assertNotContains(self.client.get("/s/beta/deleted/"), self.contact.code)

    def test_it_refuses_a_restore_from_the_wrong_site_or_role(self):
        self.delete_contact(self.a_employed_counsellor)
        record = DeletedRecord.objects.get()
        for user in (self.chief_b, self.a_employed_counsellor, self.volunteer_a):
            self.assertEqual(self.restore(user, record).status_code, 404)
        self.login(self.chief_b)
        r = self.client.post(f"/s/beta/deleted/{record.pk}/restore/")
        self.assertEqual(r.status_code, 404)
        self.assertFalse(Contact.objects.filter(pk=self.contact.pk).exists())

    def test_it_refuses_a_restore_after_the_retention_period(self):
        self.delete_contact(self.a_employed_counsellor)
        record = DeletedRecord.objects.get()
        DeletedRecord.objects.filter(pk=record.pk).update(
            deleted_at=timezone.now() - dt.timedelta(days=31)
        )
        self.restore(self.chief_a, record)
        self.assertFalse(Contact.objects.filter(pk=self.contact.pk).exists())

    def test_it_refuses_a_restore_when_what_it_belongs_to_is_gone(self):
        self.delete_contact(self.a_employed_counsellor)
        contact_record = DeletedRecord.objects.get()
        # The young person, now without conversations, is deleted as well.
        self.login(self.a_employed_counsellor)
        self.client.post(f"/s/alpha/youth/{self.youth.code}/delete/")
        self.assertFalse(Youth.objects.filter(pk=self.youth.pk).exists())
        r = self.restore(self.chief_a, contact_record)
        self.assertFalse(Contact.objects.filter(pk=self.contact.pk).exists())
        messages = [str(m) for m in r.wsgi_request._messages]
        self.assertTrue(any("ung" in m.lower() for m in messages), messages)
        # Restoring the young person first makes the conversation restorable.
        self.restore(self.chief_a, DeletedRecord.objects.get(kind="youth"))
        self.restore(self.chief_a, contact_record)
        self.assertTrue(Contact.objects.filter(pk=self.contact.pk).exists())

    # Young people, group sessions, Family ---------------------------------------------------

    def test_it_deletes_and_restores_a_young_person_with_their_conversations(self):
        group = make_group(self.family_site, youth=self.youth)
        self.login(self.a_employed_counsellor)
        r = self.client.post(f"/s/alpha/youth/{self.youth.code}/delete/")
        self.assertRedirects(r, "/s/alpha/youth/")
        self.assertFalse(Youth.objects.filter(pk=self.youth.pk).exists())
        self.assertFalse(Contact.objects.exists())
        self.assertIsNone(FamilyGroup.objects.get(pk=group.pk).youth)
        self.restore(self.chief_a, DeletedRecord.objects.get())
        self.assertTrue(Youth.objects.filter(pk=self.youth.pk).exists())
        self.assertEqual(Response.objects.get().contact_id, self.contact.pk)
        self.assertEqual(FamilyGroup.objects.get(pk=group.pk).youth_id, self.youth.pk)

    def test_it_refuses_to_delete_a_young_person_with_a_course_at_another_site(self):
        make_contact(self.site_b, self.youth)
        self.login(self.a_employed_counsellor)
        r = self.client.post(f"/s/alpha/youth/{self.youth.code}/delete/")
        self.assertEqual(r.status_code, 400)
        self.assertTrue(Youth.objects.filter(pk=self.youth.pk).exists())
        self.assertEqual(Contact.objects.count(), 2)

    def test_it_deletes_and_restores_a_group_session_with_its_conversations(self):
        session = GroupSession.objects.create(site=self.site_a, date=dt.date(2025, 3, 4))
        for _ in range(3):
            make_contact(self.site_a, make_youth(self.site_a), kind="group", group_session=session)
        self.login(self.a_employed_counsellor)
        self.client.post(f"/groups/{session.pk}/delete/")
        self.assertFalse(GroupSession.objects.exists())
        self.assertEqual(Contact.objects.count(), 1)
        record = DeletedRecord.objects.get()
        self.assertEqual(record.counts["contacts.contact"], 3)
        self.restore(self.chief_a, record)
        self.assertEqual(GroupSession.objects.get().contacts.count(), 3)

    def test_it_deletes_and_restores_family_records_for_family_staff_only(self):
        relative = make_relative(self.family_site)
        conversation = make_conversation(self.family_site, [relative], themes=["parenting"])
        inquiry = make_inquiry(self.family_site)
        self.login(self.peer)
        self.assertEqual(
            self.client.post(f"/family/conversations/{conversation.code}/delete/").status_code,
            404,  # a peer volunteer does not even see the page (frirum.family.views.can_manage)
        )
        self.login(self.family_staff)
        self.client.post(f"/family/conversations/{conversation.code}/delete/")
        self.client.post(f"/family/inquiries/{inquiry.code}/delete/")
        self.assertFalse(FamilyConversation.objects.exists())
        self.assertFalse(RelativeInquiry.objects.exists())
        family_chief = self.family_site.memberships.model.objects.create(
            user=self.chief_b, site=self.family_site, role="centre_chief"
        ).user
        for record in DeletedRecord.objects.filter(site=self.family_site):
            self.restore(family_chief, record)
        restored = FamilyConversation.objects.get()
        self.assertEqual(list(restored.relatives.all()), [relative])
        self.assertEqual([t.code for t in restored.themes.all()], ["parenting"])
        self.assertTrue(RelativeInquiry.objects.exists())

    def test_it_deletes_outreach_restorably(self):
        outreach = make_outreach(self.site_a, short_contacts=12)
        self.login(self.a_employed_counsellor)
        self.client.post(f"/outreach/{outreach.code}/delete/")
        self.assertFalse(Outreach.objects.exists())
        self.restore(self.chief_a, DeletedRecord.objects.get())
        self.assertEqual(Outreach.objects.get().short_contacts, 12)

    # Reports and the purge ----------------------------------------------------------------

    def test_it_leaves_deleted_records_out_of_reports_and_moves_the_data_version(self):
        def annual():
            result = figures.annual(site=self.site_a, year=2025)
            result.pop("meta", None)  # when it was computed
            return result

        before = annual()
        version = caching.data_version()
        self.delete_contact(self.a_employed_counsellor)
        after_delete = caching.data_version()
        self.assertNotEqual(version, after_delete)
        self.assertNotEqual(before, annual())
        self.restore(self.chief_a, DeletedRecord.objects.get())
        self.assertNotEqual(after_delete, caching.data_version())
        self.assertEqual(before, annual())

    @override_settings(FRIRUM_DELETED_RETENTION_DAYS=30)
    def test_it_purges_what_is_older_than_the_retention_period(self):
        self.delete_contact(self.a_employed_counsellor)
        outreach = make_outreach(self.site_a)
        self.client.post(f"/outreach/{outreach.code}/delete/")
        old = DeletedRecord.objects.get(kind="contact")
        DeletedRecord.objects.filter(pk=old.pk).update(
            deleted_at=timezone.now() - dt.timedelta(days=30, minutes=1)
        )
        call_command("purge-deleted", stdout=open("/dev/null", "w"))
        self.assertEqual(list(DeletedRecord.objects.values_list("kind", flat=True)), ["outreach"])

    def test_it_purges_nothing_when_nothing_is_old(self):
        call_command("purge-deleted", stdout=open("/dev/null", "w"))
        self.assertFalse(DeletedRecord.objects.exists())

    def test_it_shows_the_young_persons_delete_button_only_to_who_may_delete(self):
        url = f"/s/alpha/youth/{self.youth.code}/"
        delete = f"/s/alpha/youth/{self.youth.code}/delete/"
        self.login(self.volunteer_a)
        self.assertNotContains(self.client.get(url), delete)
        self.assertEqual(self.client.get(delete).status_code, 403)
        self.login(self.chief_a)
        self.assertContains(self.client.get(url), delete)

    def test_it_audits_a_change_of_who_may_delete(self):
        self.login(self.chief_a)
        self.client.post("/s/alpha/deleted/", {"who_may_delete": "counsellors"})
        entry = AuditEntry.objects.get(object_type="sites.site")
        self.assertEqual(entry.actor, self.chief_a)
        self.assertEqual(entry.changes["who_may_delete"], ["staff", "counsellors"])
