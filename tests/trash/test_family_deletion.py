"""Deleting relatives and family groups with the safety net (issue 9, point 7): who may, what
goes with them, restore by the chief, the purge, the audit trail and the Family report."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from frirum.accounts.models import Membership, Role
from frirum.audit.models import AuditAction, AuditEntry
from frirum.family.models import FamilyConversation, FamilyGroup, Relative
from frirum.reports import figures
from frirum.sites.models import DeletionPolicy, Site, SiteKind
from frirum.trash.models import DeletedRecord
from tests.base import BaseTestCase, make_user, make_youth
from tests.family.helpers import make_conversation, make_group, make_relative


class FamilyDeletionTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.family_chief = make_user("family.chief@example.org", "Family Chef")
        Membership.objects.create(
            user=cls.family_chief, site=cls.family_site, role=Role.CENTRE_CHIEF
        )
        cls.family_volunteer = make_user("family.volunteer@example.org", "Family Frivillig")
        Membership.objects.create(
            user=cls.family_volunteer, site=cls.family_site, role=Role.VOLUNTEER_COUNSELLOR
        )

    def setUp(self):
        self.youth = make_youth(self.family_site)
        self.group = make_group(self.family_site, label="Hansen", youth=self.youth)
        self.mother = make_relative(self.family_site, label="Mor", family_group=self.group)
        self.father = make_relative(self.family_site, relation="parent", family_group=self.group)
        self.aunt = make_relative(self.family_site, relation="other", label="Moster")
        # The mother alone; mother and father with the family; father and an aunt of another
        # family (no group), and the aunt alone.
        self.mother_alone = make_conversation(self.family_site, [self.mother], themes=["parenting"])
        self.family_talk = make_conversation(
            self.family_site,
            [self.mother, self.father],
            family_group=self.group,
            kind="family_without_youth",
        )
        self.shared = make_conversation(self.family_site, [self.father, self.aunt])
        self.aunt_alone = make_conversation(self.family_site, [self.aunt])

    def restore(self, record):
        self.login(self.family_chief)
        return self.client.post(f"/s/{self.family_site.code}/deleted/{record.pk}/restore/")

    def family_report(self):
        result = figures.family(year=2025, site=self.family_site)
        result.pop("meta", None)  # when it was computed
        return result

    def attendance(self):
        return {
            c.code: sorted(c.relatives.values_list("code", flat=True))
            for c in FamilyConversation.objects.all()
        }

    # What goes with a relative ----------------------------------------------------------

    def test_it_deletes_a_relative_with_the_conversations_only_they_attended(self):
        self.login(self.family_staff)
        url = f"/family/relatives/{self.aunt.code}/delete/"
        page = self.client.get(url)
        self.assertContains(page, "1 samtale, hvor ingen andre var til stede")
        self.assertContains(page, "1 samtale med andre pårørende bliver")
        self.assertTrue(Relative.objects.filter(pk=self.aunt.pk).exists())
        response = self.client.post(url)
        self.assertRedirects(response, f"/s/{self.family_site.code}/family/relatives/")
        self.assertFalse(Relative.objects.filter(pk=self.aunt.pk).exists())
        self.assertFalse(FamilyConversation.objects.filter(pk=self.aunt_alone.pk).exists())
        self.assertEqual(list(self.shared.relatives.all()), [self.father])
        record = DeletedRecord.objects.get()
        self.assertEqual(
            (record.kind, record.code, record.site), ("relative", self.aunt.code, self.family_site)
        )
        self.assertEqual(record.counts, {"family.relative": 1, "family.familyconversation": 1})

    def test_it_restores_a_relative_with_their_conversations_and_attendance(self):
        before = self.attendance()
        self.login(self.family_staff)
        self.client.post(f"/family/relatives/{self.mother.code}/delete/")
        self.assertEqual(
            set(self.attendance()), {self.family_talk.code, self.shared.code, self.aunt_alone.code}
        )
        self.restore(DeletedRecord.objects.get())
        self.assertEqual(self.attendance(), before)
        mother = Relative.objects.get(pk=self.mother.pk)
        self.assertEqual((mother.label, mother.family_group), ("Mor", self.group))
        self.assertEqual(
            [t.code for t in FamilyConversation.objects.get(pk=self.mother_alone.pk).themes.all()],
            ["parenting"],
        )
        self.assertFalse(DeletedRecord.objects.exists())

    # What goes with a family group ------------------------------------------------------

    def test_it_deletes_a_family_group_with_its_relatives_and_conversations(self):
        self.login(self.family_staff)
        url = f"/family/groups/{self.group.code}/delete/"
        page = self.client.get(url)
        self.assertContains(page, "2 pårørende")
        self.assertContains(page, "2 samtaler")
        self.assertContains(page, "1 samtale med en anden familie")
        self.client.post(url)
        self.assertFalse(FamilyGroup.objects.exists())
        self.assertEqual(list(Relative.objects.all()), [self.aunt])
        self.assertEqual(
            self.attendance(),
            {self.shared.code: [self.aunt.code], self.aunt_alone.code: [self.aunt.code]},
        )
        # The young person is the centres' record, not the family's: it stays.
        self.assertTrue(type(self.youth).objects.filter(pk=self.youth.pk).exists())
        record = DeletedRecord.objects.get()
        self.assertEqual(
            record.counts,
            {"family.familygroup": 1, "family.relative": 2, "family.familyconversation": 2},
        )

    def test_it_restores_a_family_group_as_it_was(self):
        before = self.attendance()
        self.login(self.family_staff)
        self.client.post(f"/family/groups/{self.group.code}/delete/")
        self.restore(DeletedRecord.objects.get())
        self.assertEqual(self.attendance(), before)
        group = FamilyGroup.objects.get()
        self.assertEqual(
            (group.code, group.label, group.youth), (self.group.code, "Hansen", self.youth)
        )
        self.assertEqual(
            sorted(group.relatives.values_list("code", flat=True)),
            sorted([self.mother.code, self.father.code]),
        )
        self.assertEqual(FamilyConversation.objects.get(pk=self.family_talk.pk).family_group, group)

    def test_it_deletes_an_empty_family_group(self):
        empty = make_group(self.family_site)
        self.login(self.family_staff)
        self.assertContains(self.client.get(f"/family/groups/{empty.code}/delete/"), "0 pårørende")
        self.client.post(f"/family/groups/{empty.code}/delete/")
        self.assertEqual(DeletedRecord.objects.get().counts, {"family.familygroup": 1})
        self.assertEqual(FamilyGroup.objects.get(), self.group)

    def test_it_deletes_and_restores_a_large_family_group(self):
        big = make_group(self.family_site)
        relatives = [make_relative(self.family_site, family_group=big) for _ in range(25)]
        for i in range(40):
            make_conversation(self.family_site, relatives[i % 25 : i % 25 + 3], family_group=big)
        self.login(self.family_staff)
        self.client.post(f"/family/groups/{big.code}/delete/")
        self.assertEqual(FamilyConversation.objects.count(), 4)
        self.restore(DeletedRecord.objects.get())
        self.assertEqual(FamilyConversation.objects.filter(family_group=big).count(), 40)
        self.assertEqual(big.relatives.count(), 25)

    def test_it_refuses_to_delete_a_relative_with_a_conversation_at_another_family_site(self):
        other = Site.objects.create(
            code="fam2",
            name="headspace Family Odense",
            kind=SiteKind.FAMILY,
            municipality=self.copenhagen,
        )
        make_conversation(other, [self.aunt])
        self.login(self.family_staff)
        response = self.client.post(f"/family/relatives/{self.aunt.code}/delete/")
        self.assertContains(response, "et andet Family-sted", status_code=400)
        self.assertTrue(Relative.objects.filter(pk=self.aunt.pk).exists())
        self.assertFalse(DeletedRecord.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(action=AuditAction.DELETE).exists())

    # Who may ----------------------------------------------------------------------------

    def test_it_refuses_peer_and_volunteer_counsellors_by_default(self):
        for user, status in ((self.peer, 404), (self.family_volunteer, 403)):
            self.login(user)
            for url in (
                f"/family/relatives/{self.aunt.code}/delete/",
                f"/family/groups/{self.group.code}/delete/",
            ):
                self.assertEqual(self.client.get(url).status_code, status, (user, url))
                self.assertEqual(self.client.post(url).status_code, status, (user, url))
        self.assertFalse(DeletedRecord.objects.exists())

    def test_it_lets_a_volunteer_counsellor_delete_once_the_chief_widens_it(self):
        self.login(self.family_chief)
        self.client.post(f"/s/{self.family_site.code}/deleted/", {"who_may_delete": "counsellors"})
        self.family_site.refresh_from_db()
        self.assertEqual(self.family_site.who_may_delete, DeletionPolicy.COUNSELLORS)
        self.login(self.family_volunteer)
        self.assertEqual(
            self.client.post(f"/family/relatives/{self.aunt.code}/delete/").status_code, 302
        )
        self.assertEqual(
            self.client.post(f"/family/groups/{self.group.code}/delete/").status_code, 302
        )
        self.assertEqual(DeletedRecord.objects.count(), 2)
        # Peer volunteers never delete, whatever the setting (frirum.trash.access).
        self.login(self.peer)
        relative = make_relative(self.family_site)
        self.assertEqual(
            self.client.post(f"/family/relatives/{relative.code}/delete/").status_code, 404
        )

    def test_it_404s_a_deletion_from_the_wrong_site_and_403s_the_secretariat(self):
        self.login(self.b_employed_counsellor)
        self.assertEqual(
            self.client.post(f"/family/relatives/{self.aunt.code}/delete/").status_code, 404
        )
        self.assertEqual(
            self.client.post(f"/family/groups/{self.group.code}/delete/").status_code, 404
        )
        self.login(self.secretariat)
        self.assertEqual(
            self.client.post(f"/family/groups/{self.group.code}/delete/").status_code, 403
        )
        self.assertEqual(Relative.objects.count(), 3)

    def test_it_shows_the_delete_buttons_only_to_who_may_delete(self):
        relative_page = f"/family/relatives/{self.aunt.code}/"
        group_page = f"/family/groups/{self.group.code}/"
        for user in (self.peer, self.family_volunteer):
            self.login(user)
            self.assertNotContains(self.client.get(relative_page), f"{relative_page}delete/")
            self.assertNotContains(self.client.get(group_page), f"{group_page}delete/")
        self.login(self.family_staff)
        self.assertContains(self.client.get(relative_page), f"{relative_page}delete/")
        self.assertContains(self.client.get(group_page), f"{group_page}delete/")

    def test_it_lets_only_the_sites_chief_restore(self):
        self.login(self.family_staff)
        self.client.post(f"/family/groups/{self.group.code}/delete/")
        record = DeletedRecord.objects.get()
        for user in (self.family_staff, self.chief_b):
            self.login(user)
            self.client.post(f"/s/{self.family_site.code}/deleted/{record.pk}/restore/")
        self.assertFalse(FamilyGroup.objects.exists())
        self.restore(record)
        self.assertTrue(FamilyGroup.objects.exists())

    # Audit, reports, purge --------------------------------------------------------------

    def test_it_audits_the_deletion_and_the_restore(self):
        self.login(self.family_staff)
        self.client.post(f"/family/groups/{self.group.code}/delete/")
        deleted = AuditEntry.objects.filter(action=AuditAction.DELETE, actor=self.family_staff)
        self.assertEqual(
            sorted(deleted.values_list("object_type", flat=True)),
            ["family.familyconversation"] * 2 + ["family.familygroup"] + ["family.relative"] * 2,
        )
        self.restore(DeletedRecord.objects.get())
        restored = AuditEntry.objects.get(action=AuditAction.RESTORE)
        self.assertEqual(
            (restored.actor, restored.object_type), (self.family_chief, "family.familygroup")
        )

    def test_it_leaves_deleted_relatives_and_groups_out_of_the_family_report(self):
        before = self.family_report()
        self.login(self.family_staff)
        self.client.post(f"/family/relatives/{self.aunt.code}/delete/")
        after_relative = self.family_report()
        self.assertNotEqual(before, after_relative)
        self.client.post(f"/family/groups/{self.group.code}/delete/")
        self.assertNotEqual(after_relative, self.family_report())
        # Without the aunt, the conversation she shared was the father's alone: it went too.
        self.assertFalse(FamilyConversation.objects.exists())
        # Newest first: the aunt's attendance needs the conversation the group took back.
        for record in DeletedRecord.objects.order_by("-deleted_at", "-id"):
            self.restore(record)
        self.assertFalse(DeletedRecord.objects.exists())
        self.assertEqual(before, self.family_report())

    def test_it_purges_a_deleted_group_after_the_retention_period(self):
        self.login(self.family_staff)
        self.client.post(f"/family/groups/{self.group.code}/delete/")
        self.client.post(f"/family/relatives/{self.aunt.code}/delete/")
        old = DeletedRecord.objects.get(kind="family_group")
        DeletedRecord.objects.filter(pk=old.pk).update(
            deleted_at=timezone.now() - dt.timedelta(days=30, minutes=1)
        )
        call_command("purge-deleted", stdout=open("/dev/null", "w"))
        self.assertEqual(list(DeletedRecord.objects.values_list("kind", flat=True)), ["relative"])
        self.assertEqual(self.restore(old).status_code, 404)
