"""The chat's writes and reads: sequence numbers, idempotent resends, capacity, the queue's
order, the wait estimate and retention."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from frirum.audit.models import AuditEntry
from frirum.chat import actions, selectors
from frirum.chat.models import AuthorKind, Chat, ChatMessage, ChatStatus, DeskPresence
from frirum.chat.tokens import hash_token
from frirum.contacts.models import Contact
from tests.base import make_contact
from tests.chat.base import ChatTestCase, ago, start


def youth_says(chat, text, key):
    return actions.post_message(
        chat_id=chat.pk, author_kind=AuthorKind.YOUTH, text=text, client_key=key
    )


def online(site, *users):
    for user in users:
        DeskPresence.objects.create(site=site, user=user, connections=1, seen_at=timezone.now())


class StartTests(ChatTestCase):
    def test_it_keeps_only_a_hash_of_the_token(self):
        chat, token = start(self.chat, age=16, gender="female", municipality=self.ballerup)
        assert len(token) >= 40
        assert chat.token_hash == hash_token(token)
        assert token not in str(Chat.objects.filter(pk=chat.pk).values().get())
        assert selectors.chat_for_token(token) == chat
        assert selectors.chat_for_token("x" * 43) is None
        assert selectors.chat_for_token(None) is None

    def test_it_needs_no_answers(self):
        chat, _token = start(self.chat)
        assert chat.status == ChatStatus.WAITING
        assert (chat.age, chat.gender, chat.municipality, chat.topic) == (None, "", None, None)


class MessageTests(ChatTestCase):
    def setUp(self):
        self.chat_row, _token = start(self.chat)

    def test_it_numbers_messages_one_by_one(self):
        seqs = [youth_says(self.chat_row, f"hej {i}", f"k{i}")[0].seq for i in range(5)]
        assert seqs == [1, 2, 3, 4, 5]
        self.chat_row.refresh_from_db()
        assert self.chat_row.last_seq == 5

    def test_it_stores_a_resend_once(self):
        first, created = youth_says(self.chat_row, "hej", "same-key")
        again, created_again = youth_says(self.chat_row, "hej", "same-key")
        assert created and not created_again
        assert again.pk == first.pk
        assert ChatMessage.objects.filter(chat=self.chat_row).count() == 1

    def test_it_refuses_empty_long_and_keyless_messages(self):
        for text, key in (("   ", "a"), ("x" * 2001, "b"), ("hej", ""), ("hej", "system:x")):
            with pytest.raises(ValidationError):
                youth_says(self.chat_row, text, key)
        assert not ChatMessage.objects.exists()

    def test_it_takes_no_messages_after_the_end(self):
        actions.end_chat(chat=self.chat_row)
        with pytest.raises(actions.ChatClosed):
            youth_says(self.chat_row, "hej", "k")

    def test_it_lets_only_the_chats_counsellor_write(self):
        online(self.chat, self.chat_volunteer)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        with pytest.raises(actions.ChatClosed):
            actions.post_message(
                chat_id=self.chat_row.pk,
                author_kind=AuthorKind.COUNSELLOR,
                author=self.chat_volunteer2,
                text="hej",
                client_key="k",
            )
        message, _created = actions.post_message(
            chat_id=self.chat_row.pk,
            author_kind=AuthorKind.COUNSELLOR,
            author=self.chat_volunteer,
            text="hej",
            client_key="k",
        )
        # The system's "a counsellor has joined" took seq 1.
        assert message.seq == 2

    def test_it_hides_whispers_from_the_young_person(self):
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        actions.post_message(
            chat_id=self.chat_row.pk,
            author_kind=AuthorKind.WHISPER,
            author=self.chat_employed,
            text="spørg til søvn",
            client_key="w",
        )
        youth_says(self.chat_row, "hej", "y")
        youth_seqs = [m.seq for m in selectors.messages_after(self.chat_row, 0, for_youth=True)]
        desk_seqs = [m.seq for m in selectors.messages_after(self.chat_row, 0, for_youth=False)]
        assert youth_seqs == [1, 3]
        assert desk_seqs == [1, 2, 3]
        assert [m.seq for m in selectors.messages_after(self.chat_row, 2, for_youth=False)] == [3]


class QueueTests(ChatTestCase):
    def test_it_orders_by_risk_then_waiting_time(self):
        first, _ = start(self.chat)
        second, _ = start(self.chat)
        third, _ = start(self.chat)
        Chat.objects.filter(pk=first.pk).update(created_at=ago(minutes=30))
        Chat.objects.filter(pk=second.pk).update(created_at=ago(minutes=20))
        Chat.objects.filter(pk=third.pk).update(created_at=ago(minutes=10))
        actions.set_risk(chat=third, user=self.chat_volunteer, risk=True)
        assert list(selectors.queue(self.chat)) == [third, first, second]
        assert [selectors.queue_position(c) for c in (third, first, second)] == [1, 2, 3]

    def test_it_drops_a_place_whose_page_is_gone(self):
        gone, _ = start(self.chat)
        here, _ = start(self.chat)
        Chat.objects.filter(pk=gone.pk).update(youth_connected=False, youth_seen_at=ago(hours=1))
        assert list(selectors.queue(self.chat)) == [here]
        assert actions.expire_abandoned() == 1
        gone.refresh_from_db()
        assert gone.status == ChatStatus.LEFT

    def test_it_is_empty_at_another_site(self):
        start(self.chat)
        assert not selectors.queue(self.family_site).exists()

    def test_it_estimates_the_wait_from_the_desk(self):
        chats = [start(self.chat)[0] for _ in range(3)]
        state = selectors.queue_state(chats[2])
        assert (state.position, state.wait_minutes, state.counsellors) == (3, None, 0)
        online(self.chat, self.chat_volunteer, self.chat_volunteer2)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        # Chat 1 is taken: chat 3 is second in line, one slot is free.
        state = selectors.queue_state(chats[2])
        assert (state.position, state.wait_minutes, state.counsellors) == (2, 10, 2)
        assert selectors.queue_state(chats[1]).wait_minutes == 0

    def test_it_learns_the_chat_length_from_ended_chats(self):
        online(self.chat, self.chat_volunteer)
        done, _ = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        actions.end_chat(chat=done, user=self.chat_volunteer)
        ended = ago(minutes=5)
        Chat.objects.filter(pk=done.pk).update(
            taken_at=ended - dt.timedelta(minutes=40), ended_at=ended
        )
        assert selectors.recent_chat_minutes(self.chat) == [pytest.approx(40)]
        start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        waiting, _ = start(self.chat)
        assert selectors.queue_state(waiting).wait_minutes == 40


class TakeTests(ChatTestCase):
    def test_it_takes_the_next_within_capacity(self):
        first, _ = start(self.chat)
        second, _ = start(self.chat)
        taken = actions.take_next(site=self.chat, user=self.chat_volunteer)
        assert taken == first
        first.refresh_from_db()
        assert (first.status, first.counsellor, first.taken_at is not None) == (
            ChatStatus.ACTIVE,
            self.chat_volunteer,
            True,
        )
        with pytest.raises(actions.OverCapacity):
            actions.take_next(site=self.chat, user=self.chat_volunteer)
        second.refresh_from_db()
        assert second.status == ChatStatus.WAITING
        assert AuditEntry.objects.filter(object_type="chat", object_id=str(first.pk)).exists()

    def test_it_allows_two_when_the_chief_says_so(self):
        start(self.chat)
        start(self.chat)
        actions.set_capacity(site=self.chat, user=self.chat_chief, value=2)
        assert selectors.capacity(self.chat) == 2
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        assert selectors.active_chats(self.chat, self.chat_volunteer).count() == 2
        assert AuditEntry.objects.filter(object_type="chat settings").count() == 1

    def test_it_returns_none_on_an_empty_queue(self):
        assert actions.take_next(site=self.chat, user=self.chat_volunteer) is None

    def test_it_counts_capacity_per_site(self):
        start(self.chat)
        start(self.family_site)
        actions.take_next(site=self.family_site, user=self.chat_volunteer)
        assert actions.take_next(site=self.chat, user=self.chat_volunteer) is not None

    def test_it_ends_with_a_duration(self):
        chat, _ = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        actions.end_chat(chat=chat, user=self.chat_volunteer)
        chat.refresh_from_db()
        assert chat.status == ChatStatus.ENDED
        assert selectors.duration_minutes(chat) == 1
        Chat.objects.filter(pk=chat.pk).update(taken_at=chat.ended_at - dt.timedelta(minutes=33))
        chat.refresh_from_db()
        assert selectors.duration_minutes(chat) == 33

    def test_it_lets_the_young_person_leave_the_queue(self):
        chat, _ = start(self.chat)
        actions.end_chat(chat=chat)
        chat.refresh_from_db()
        assert chat.status == ChatStatus.LEFT
        assert not selectors.queue(self.chat).exists()
        assert [m.client_key for m in selectors.messages_after(chat, 0, for_youth=True)] == [
            "system:left"
        ]


class RetentionTests(ChatTestCase):
    def test_it_deletes_the_words_and_keeps_the_chat(self):
        old, _ = start(self.chat, age=17, municipality=self.ballerup)
        recent, _ = start(self.chat)
        still_open, _ = start(self.chat)
        for chat in (old, recent, still_open):
            for i in range(3):
                youth_says(chat, f"ord {i}", f"k{i}")
        actions.end_chat(chat=old)
        actions.end_chat(chat=recent)
        Chat.objects.filter(pk=old.pk).update(ended_at=ago(days=31))
        Chat.objects.filter(pk=recent.pk).update(ended_at=ago(days=29))
        call_command("purge-chat-transcripts", stdout=io.StringIO())
        old.refresh_from_db()
        assert not ChatMessage.objects.filter(chat=old).exists()
        assert old.transcript_deleted_at is not None
        assert (old.age, old.municipality, old.status) == (17, self.ballerup, ChatStatus.LEFT)
        assert ChatMessage.objects.filter(chat=recent).count() == 4
        assert ChatMessage.objects.filter(chat=still_open).count() == 3
        # Run again: nothing more to do.
        assert actions.purge_transcripts() == 0

    def test_it_keeps_the_registration_made_from_the_chat(self):
        chat, _ = start(self.chat, age=15)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        youth_says(chat, "det er svært derhjemme", "k")
        actions.end_chat(chat=chat, user=self.chat_volunteer)
        contact = make_contact(self.chat, counsellors=[self.chat_volunteer])
        actions.link_registration(chat=chat, contact=contact, actor=self.chat_volunteer)
        Chat.objects.filter(pk=chat.pk).update(ended_at=ago(days=31))
        call_command("purge-chat-transcripts", stdout=io.StringIO())
        chat.refresh_from_db()
        assert not ChatMessage.objects.filter(chat=chat).exists()
        # The words are gone; the registration, its link and the chat's facts stay.
        assert chat.contact == contact and chat.age == 15
        assert Contact.objects.filter(pk=contact.pk).exists()

    def test_it_follows_the_setting(self):
        chat, _ = start(self.chat)
        youth_says(chat, "hej", "k")
        actions.end_chat(chat=chat)
        Chat.objects.filter(pk=chat.pk).update(ended_at=ago(days=8))
        with self.settings(FRIRUM_CHAT_RETENTION_DAYS=7):
            assert actions.purge_transcripts() == 2


class TransferTests(ChatTestCase):
    def test_it_passes_a_chat_to_a_counsellor_on_duty_with_room(self):
        chat, _ = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        with pytest.raises(actions.CannotTransfer):
            # Not at the desk.
            actions.transfer_chat(chat=chat, user=self.chat_volunteer, to_user=self.chat_volunteer2)
        online(self.chat, self.chat_volunteer2, self.volunteer_a)
        assert selectors.transfer_targets(self.chat, exclude=self.chat_volunteer) == [
            self.chat_volunteer2
        ]
        actions.transfer_chat(chat=chat, user=self.chat_volunteer, to_user=self.chat_volunteer2)
        chat.refresh_from_db()
        assert chat.counsellor == self.chat_volunteer2
        keys = [m.client_key for m in selectors.messages_after(chat, 0, for_youth=True)]
        assert keys == ["system:taken", "system:transferred:2"]
        # Now full (capacity 1): no one can pass another chat to them.
        other, _ = start(self.chat)
        online(self.chat, self.chat_employed)
        actions.take_next(site=self.chat, user=self.chat_employed)
        with pytest.raises(actions.CannotTransfer):
            actions.transfer_chat(chat=other, user=self.chat_employed, to_user=self.chat_volunteer2)
