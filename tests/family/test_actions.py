import datetime as dt
from unittest import mock

from django.core.exceptions import ValidationError

from frirum.family import actions
from frirum.family.models import FamilyConversation, FamilyGroup, Relative, RelativeInquiry
from frirum.taxonomies.models import Vocabulary
from tests.base import BaseTestCase, term
from tests.family.helpers import make_conversation

TODAY = dt.date(2025, 6, 11)


class ConversationActionTestCase(BaseTestCase):
    def details(self, **fields):
        fields.setdefault("date", dt.date(2025, 6, 10))
        fields.setdefault("kind", "relative")
        fields.setdefault(
            "new_relatives", [actions.NewRelative(relation=term(Vocabulary.RELATION, "parent"))]
        )
        return actions.ConversationDetails(**fields)

    def test_it_refuses_a_centre(self):
        with self.assertRaises(ValidationError):
            actions.create_family_conversation(
                actor=self.volunteer_a, site=self.site_a, details=self.details(), today=TODAY
            )
        self.assertFalse(Relative.objects.exists())

    def test_it_writes_nothing_when_the_audit_trail_fails_halfway(self):
        from frirum.family.actions import conversations

        calls = {"n": 0}
        real = conversations.record_audit

        def failing(**kwargs):
            calls["n"] += 1
            if kwargs["instance"].__class__ is FamilyConversation:
                raise RuntimeError("disk full")
            return real(**kwargs)

        with (
            mock.patch.object(conversations, "record_audit", failing),
            self.assertRaises(RuntimeError),
        ):
            actions.create_family_conversation(
                actor=self.family_staff,
                site=self.family_site,
                details=self.details(family_group=actions.NEW_GROUP),
                today=TODAY,
            )
        self.assertGreater(calls["n"], 0)
        self.assertFalse(FamilyConversation.objects.exists())
        self.assertFalse(FamilyGroup.objects.exists())
        self.assertFalse(Relative.objects.exists())

    def test_it_names_a_peer_volunteer_only_with_the_flag(self):
        conversation = actions.create_family_conversation(
            actor=self.family_staff,
            site=self.family_site,
            details=self.details(peer_volunteer=self.peer),
            today=TODAY,
        )
        self.assertTrue(conversation.peer_volunteer_present)
        conversation = actions.update_family_conversation(
            actor=self.family_staff,
            conversation=conversation,
            details=self.details(new_relatives=[], relatives=list(conversation.relatives.all())),
            today=TODAY,
        )
        conversation.refresh_from_db()
        self.assertFalse(conversation.peer_volunteer_present)
        self.assertIsNone(conversation.peer_volunteer)

    def test_it_refuses_an_ended_peer_volunteer(self):
        self.peer.memberships.update(is_active=False)
        with self.assertRaises(ValidationError) as raised:
            actions.create_family_conversation(
                actor=self.family_staff,
                site=self.family_site,
                details=self.details(peer_volunteer=self.peer),
                today=TODAY,
            )
        self.assertIn("peer_volunteer", raised.exception.message_dict)

    def test_it_refuses_terms_of_the_wrong_list(self):
        with self.assertRaises(ValidationError) as raised:
            actions.create_family_conversation(
                actor=self.family_staff,
                site=self.family_site,
                details=self.details(themes=[term(Vocabulary.YOUTH_THEME, "anxiety")]),
                today=TODAY,
            )
        self.assertIn("themes", raised.exception.message_dict)

    def test_it_clears_the_follow_up_when_the_bridging_is_removed(self):
        conversation = make_conversation(
            self.family_site, bridged=True, bridged_for="family", date=dt.date(2025, 6, 1)
        )
        actions.mark_bridging_followed_up(actor=self.family_staff, conversation=conversation)
        actions.update_family_conversation(
            actor=self.family_staff,
            conversation=conversation,
            details=self.details(new_relatives=[], relatives=list(conversation.relatives.all())),
            today=TODAY,
        )
        conversation.refresh_from_db()
        self.assertFalse(conversation.bridged)
        self.assertIsNone(conversation.bridging_followed_up_at)


class InquiryActionTestCase(BaseTestCase):
    def test_it_requires_a_relation_and_a_known_reason(self):
        details = actions.InquiryDetails(date=TODAY, relation=None, reason="curiosity")
        with self.assertRaises(ValidationError) as raised:
            actions.create_inquiry(
                actor=self.family_staff, site=self.family_site, details=details, today=TODAY
            )
        self.assertEqual(set(raised.exception.message_dict), {"relation", "reason"})
        self.assertFalse(RelativeInquiry.objects.exists())


class FindYouthTestCase(BaseTestCase):
    def test_it_finds_only_the_exact_code(self):
        from tests.base import make_youth

        youth = make_youth(self.site_a, nickname="Kaninen")
        self.assertEqual(actions.find_youth_by_code(f" {youth.code.lower()} "), youth)
        self.assertIsNone(actions.find_youth_by_code("Kaninen"))
        self.assertIsNone(actions.find_youth_by_code(youth.code[:5]))
        self.assertIsNone(actions.find_youth_by_code(""))


class HomeTestCase(BaseTestCase):
    def test_it_sends_family_staff_to_their_dashboard(self):
        self.login(self.family_staff)
        self.assertRedirects(self.client.get("/"), "/s/fam/family/")
