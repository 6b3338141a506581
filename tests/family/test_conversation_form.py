import datetime as dt

from django.urls import reverse
from django.utils import timezone

from frirum.audit.models import AuditEntry
from frirum.family.models import FamilyConversation, FamilyGroup, Relative
from frirum.taxonomies.models import Vocabulary
from tests.base import BaseTestCase, term
from tests.family.helpers import make_conversation, make_group, make_relative


def formset(*rows) -> dict:
    data = {
        "new-TOTAL_FORMS": "3",
        "new-INITIAL_FORMS": "0",
        "new-MIN_NUM_FORMS": "0",
        "new-MAX_NUM_FORMS": "6",
    }
    for i in range(3):
        data[f"new-{i}-relation"] = data[f"new-{i}-label"] = ""
    for i, (relation, label) in enumerate(rows):
        data[f"new-{i}-relation"] = str(relation.pk) if relation else ""
        data[f"new-{i}-label"] = label
    return data


class ConversationCreateTestCase(BaseTestCase):
    def setUp(self):
        self.login(self.family_staff)
        self.url = reverse("family:conversation_create", args=["fam"])
        self.parent = term(Vocabulary.RELATION, "parent")
        self.grandparent = term(Vocabulary.RELATION, "grandparent")

    def post(self, **fields):
        data = {
            "date": timezone.localdate().isoformat(),
            "time": "14:30",
            "kind": "family_without_youth",
            "channel": "in_person",
            "family_group": "new",
            "counsellor": str(self.family_staff.pk),
            "peer_volunteer": str(self.peer.pk),
            "themes": [str(term(Vocabulary.FAMILY_THEME, "parenting").pk)],
            **formset((self.parent, "Mor"), (self.grandparent, "")),
        }
        data.update(fields)
        return self.client.post(self.url, {k: v for k, v in data.items() if v is not None})

    def test_it_registers_a_conversation_with_two_new_relatives_and_a_peer(self):
        response = self.post()
        conversation = FamilyConversation.objects.get()
        self.assertRedirects(
            response, reverse("family:conversation_detail", args=[conversation.code])
        )
        self.assertEqual(conversation.site, self.family_site)
        self.assertEqual(conversation.peer_volunteer, self.peer)
        self.assertTrue(conversation.peer_volunteer_present)
        self.assertEqual(conversation.counsellor, self.family_staff)
        self.assertEqual(conversation.created_by, self.family_staff)
        relatives = list(conversation.relatives.order_by("label"))
        self.assertEqual([r.relation.code for r in relatives], ["grandparent", "parent"])
        self.assertEqual({r.label for r in relatives}, {"", "Mor"})
        group = conversation.family_group
        self.assertIsNotNone(group)
        self.assertEqual({r.family_group_id for r in relatives}, {group.pk})
        self.assertEqual(list(conversation.themes.values_list("code", flat=True)), ["parenting"])
        actions = set(AuditEntry.objects.values_list("object_type", "action"))
        self.assertIn(("family.familyconversation", "create"), actions)
        self.assertIn(("family.relative", "create"), actions)
        self.assertIn(("family.familygroup", "create"), actions)

    def test_it_shows_the_first_meeting_on_the_detail_page(self):
        self.post()
        conversation = FamilyConversation.objects.get()
        response = self.client.get(reverse("family:conversation_detail", args=[conversation.code]))
        self.assertContains(response, "Første møde")

    def test_it_adds_existing_relatives_of_the_group(self):
        group = make_group(self.family_site)
        mum = make_relative(self.family_site, family_group=group)
        dad = make_relative(self.family_site)
        response = self.post(
            family_group=group.code,
            relatives=[mum.code, dad.code],
            **formset(),
        )
        conversation = FamilyConversation.objects.get()
        self.assertEqual(response.status_code, 302)
        self.assertEqual(set(conversation.relatives.all()), {mum, dad})
        dad.refresh_from_db()
        self.assertEqual(dad.family_group, group)

    def test_it_needs_at_least_one_relative(self):
        response = self.post(**formset())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Vælg eller tilføj mindst én pårørende")
        self.assertFalse(FamilyConversation.objects.exists())
        self.assertFalse(FamilyGroup.objects.exists())

    def test_it_refuses_two_relatives_in_a_conversation_with_a_relative_alone(self):
        response = self.post(kind="relative")
        self.assertEqual(response.status_code, 200)
        self.assertIn("kind", response.context["form"].errors)
        self.assertFalse(FamilyConversation.objects.exists())

    def test_it_refuses_a_future_date_and_keeps_what_was_typed(self):
        future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
        response = self.post(date=future, note="Talte om skolen")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Datoen kan ikke ligge i fremtiden")
        self.assertContains(response, "Talte om skolen")
        self.assertContains(response, 'value="Mor"')
        self.assertFalse(FamilyConversation.objects.exists())
        self.assertFalse(Relative.objects.exists())

    def test_it_refuses_a_phone_number_in_a_relatives_label(self):
        response = self.post(**formset((self.parent, "Mor 12345678")))
        self.assertEqual(response.status_code, 200)
        self.assertIn("label", response.context["formset"].forms[0].errors)
        self.assertFalse(Relative.objects.exists())

    def test_it_refuses_an_email_in_the_note(self):
        response = self.post(note="skriv til mor@example.org")
        self.assertEqual(response.status_code, 200)
        self.assertIn("note", response.context["form"].errors)
        self.assertFalse(FamilyConversation.objects.exists())

    def test_it_refuses_a_label_without_relation(self):
        response = self.post(**formset((None, "Mor")))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Relative.objects.exists())

    def test_it_refuses_a_peer_volunteer_of_another_site(self):
        response = self.post(peer_volunteer=str(self.a_peer_volunteer.pk))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(FamilyConversation.objects.exists())

    def test_it_refuses_a_counsellor_who_is_only_a_peer(self):
        response = self.post(counsellor=str(self.peer.pk))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(FamilyConversation.objects.exists())

    def test_it_refuses_a_relative_of_another_site(self):
        from frirum.sites.models import Site, SiteKind

        other = Site.objects.create(
            code="fam2", name="Family 2", kind=SiteKind.FAMILY, municipality=self.copenhagen
        )
        stranger = make_relative(other)
        response = self.post(relatives=[stranger.code], **formset())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Vælg pårørende fra dette sted")
        self.assertNotContains(response, stranger.code)
        self.assertFalse(FamilyConversation.objects.exists())

    def test_it_refuses_a_family_group_of_another_site(self):
        from frirum.sites.models import Site, SiteKind

        other = Site.objects.create(
            code="fam2", name="Family 2", kind=SiteKind.FAMILY, municipality=self.copenhagen
        )
        group = make_group(other)
        response = self.post(family_group=group.code)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(FamilyConversation.objects.exists())

    def test_it_registers_bridging_with_for_whom_how_and_where(self):
        response = self.post(
            bridged="on",
            bridged_for="youth",
            bridging_methods=[str(term(Vocabulary.FAMILY_BRIDGING_METHOD, "made_aware").pk)],
            bridging_destinations=[str(term(Vocabulary.DESTINATION, "headspace_centre").pk)],
        )
        self.assertEqual(response.status_code, 302)
        conversation = FamilyConversation.objects.get()
        self.assertTrue(conversation.bridged)
        self.assertEqual(conversation.bridged_for, "youth")
        self.assertEqual(
            [t.code for t in conversation.bridging_destinations.all()], ["headspace_centre"]
        )

    def test_it_asks_for_whom_how_and_where_when_bridged(self):
        response = self.post(bridged="on")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Angiv, hvem brobygningen var for")
        self.assertFalse(FamilyConversation.objects.exists())

    def test_it_refuses_bridging_details_without_bridged(self):
        response = self.post(bridged_for="family")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(FamilyConversation.objects.exists())

    def test_it_registers_an_unnamed_peer_volunteer(self):
        self.post(peer_volunteer="unnamed")
        conversation = FamilyConversation.objects.get()
        self.assertIsNone(conversation.peer_volunteer)
        self.assertTrue(conversation.peer_volunteer_present)

    def test_it_registers_without_a_peer_volunteer(self):
        self.post(peer_volunteer="")
        conversation = FamilyConversation.objects.get()
        self.assertFalse(conversation.peer_volunteer_present)

    def test_it_prefills_the_family_from_the_group_parameter(self):
        group = make_group(self.family_site, label="Tirsdag")
        mum = make_relative(self.family_site, family_group=group)
        response = self.client.get(f"{self.url}?group={group.code}")
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertEqual(form.initial["family_group"], group.code)
        self.assertEqual(form.initial["relatives"], [mum.code])
        self.assertContains(response, f'value="{mum.code}" id="relative-{mum.code}" checked')

    def test_it_fills_date_and_time_in_the_format_the_browser_reads(self):
        response = self.client.get(self.url)
        today = timezone.localdate().isoformat()
        self.assertContains(response, f'name="date" value="{today}"')
        self.assertRegex(response.content.decode(), r'name="time" value="\d\d:\d\d"')

    def test_it_offers_only_this_sites_peers(self):
        response = self.client.get(self.url)
        form = response.context["form"]
        peers = [c[0] for c in form.fields["peer_volunteer"].choices]
        self.assertIn(str(self.peer.pk), peers)
        self.assertNotIn(str(self.a_peer_volunteer.pk), peers)

    def test_it_keeps_the_chosen_relatives_ticked_when_the_form_has_errors(self):
        mum = make_relative(self.family_site, label="Mor")
        dad = make_relative(self.family_site, label="Far")
        response = self.post(kind="relative", relatives=[mum.code, dad.code], **formset())
        self.assertEqual(response.status_code, 200)
        self.assertIn("kind", response.context["form"].errors)
        for relative in (mum, dad):
            self.assertContains(
                response, f'value="{relative.code}" id="relative-{relative.code}" checked'
            )

    def test_it_shows_the_missing_relative_error_next_to_the_picker(self):
        response = self.post(**formset())
        self.assertContains(response, 'id="id_relatives_error"')
        self.assertContains(response, 'aria-describedby="id_relatives_helptext id_relatives_error"')


class ConversationEditTestCase(BaseTestCase):
    def test_it_changes_a_conversation_and_audits_the_change(self):
        mum = make_relative(self.family_site)
        conversation = make_conversation(self.family_site, [mum], dt.date(2025, 3, 4))
        self.login(self.family_staff)
        url = reverse("family:conversation_edit", args=[conversation.code])
        data = {
            "date": "2025-03-05",
            "kind": "relative",
            "channel": "phone",
            "relatives": [mum.code],
            "peer_volunteer": str(self.peer.pk),
            **formset(),
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        conversation.refresh_from_db()
        self.assertEqual(conversation.channel, "phone")
        self.assertEqual(conversation.peer_volunteer, self.peer)
        entry = AuditEntry.objects.get(action="update", object_code=conversation.code)
        self.assertEqual(entry.changes["channel"], ["in_person", "phone"])

    def test_it_keeps_an_imported_unnamed_peer_flag_when_editing(self):
        mum = make_relative(self.family_site)
        conversation = make_conversation(self.family_site, [mum], peer_volunteer_present=True)
        self.login(self.family_staff)
        response = self.client.get(reverse("family:conversation_edit", args=[conversation.code]))
        self.assertEqual(response.context["form"].initial["peer_volunteer"], "unnamed")

    def test_it_deletes_with_an_audit_entry(self):
        conversation = make_conversation(self.family_site)
        self.login(self.family_staff)
        url = reverse("family:conversation_delete", args=[conversation.code])
        response = self.client.post(url)
        self.assertRedirects(response, reverse("family:conversation_list", args=["fam"]))
        self.assertFalse(FamilyConversation.objects.exists())
        self.assertTrue(AuditEntry.objects.filter(action="delete", object_code=conversation.code))
