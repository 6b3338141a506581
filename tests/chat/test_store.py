"""A message stored in one statement on PostgreSQL (frirum.chat.store), and the long way for
what that statement leaves: the two must agree on what is stored and what is refused."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from frirum.chat import actions, store
from frirum.chat.models import AuthorKind, Chat, ChatMessage, ChatStatus
from tests.chat.base import ChatTestCase, start


def post(chat, kind, text, key, author=None):
    return actions.post_message(
        chat_id=chat.pk, author_kind=kind, author=author, text=text, client_key=key
    )


class OneStatementTests(ChatTestCase):
    def setUp(self):
        self.chat_row, _token = start(self.chat)

    def test_it_applies_on_postgresql_only(self):
        assert store.applies() is (connection.vendor == "postgresql")

    def test_it_returns_the_message_as_stored(self):
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        for kind, author, key in (
            (AuthorKind.YOUTH, None, "y"),
            (AuthorKind.COUNSELLOR, self.chat_volunteer, "c"),
            (AuthorKind.WHISPER, self.chat_employed, "w"),
        ):
            message, created = post(self.chat_row, kind, "  hej  ", key, author)
            stored = ChatMessage.objects.get(pk=message.pk)
            assert created
            fields = ("chat_id", "seq", "client_key", "author_kind", "author_id", "text")
            assert [getattr(message, f) for f in fields] == [getattr(stored, f) for f in fields]
            assert message.created_at == stored.created_at
            assert message.text == "hej"
            assert message.author_id == (author.pk if author else None)
            assert not message._state.adding
        self.chat_row.refresh_from_db()
        # The system's "a counsellor has joined" took seq 1.
        assert self.chat_row.last_seq == 4

    def test_it_stores_nothing_for_another_counsellors_chat(self):
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        with pytest.raises(actions.ChatClosed):
            post(self.chat_row, AuthorKind.COUNSELLOR, "hej", "k", self.chat_volunteer2)
        with pytest.raises(actions.ChatClosed):
            post(self.chat_row, AuthorKind.COUNSELLOR, "hej", "k", self.chat_chief)
        assert Chat.objects.get(pk=self.chat_row.pk).last_seq == 1
        assert not ChatMessage.objects.filter(client_key="k").exists()

    def test_it_takes_no_counsellor_or_whisper_while_the_chat_waits(self):
        for kind, author in (
            (AuthorKind.COUNSELLOR, self.chat_volunteer),
            (AuthorKind.WHISPER, self.chat_employed),
        ):
            with pytest.raises(actions.ChatClosed):
                post(self.chat_row, kind, "hej", f"{kind}-k", author)
        assert self.chat_row.status == ChatStatus.WAITING
        assert not ChatMessage.objects.exists()

    def test_it_takes_the_young_persons_message_while_waiting_not_after_leaving(self):
        message, _created = post(self.chat_row, AuthorKind.YOUTH, "hej", "y1")
        assert message.seq == 1
        actions.end_chat(chat=self.chat_row)
        with pytest.raises(actions.ChatClosed):
            post(self.chat_row, AuthorKind.YOUTH, "hej igen", "y2")
        assert not ChatMessage.objects.filter(client_key="y2").exists()

    def test_it_returns_a_stored_key_before_judging_the_resent_text(self):
        first, _created = post(self.chat_row, AuthorKind.YOUTH, "hej", "y1")
        # A resend is answered with what was stored, whatever it carries now.
        again, created = post(self.chat_row, AuthorKind.YOUTH, "   ", "y1")
        assert (again.pk, created) == (first.pk, False)
        with pytest.raises(ValidationError):
            post(self.chat_row, AuthorKind.YOUTH, "   ", "y2")
        assert ChatMessage.objects.count() == 1

    def test_it_refuses_an_unknown_chat(self):
        with pytest.raises(Chat.DoesNotExist):
            actions.post_message(
                chat_id=self.chat_row.pk + 1000,
                author_kind=AuthorKind.YOUTH,
                text="hej",
                client_key="k",
            )
        assert not ChatMessage.objects.exists()

    def test_it_returns_the_stored_copy_when_a_racing_resend_hits_the_constraint(self):
        if not store.applies():
            pytest.skip("the one statement is PostgreSQL's")
        first, _created = post(self.chat_row, AuthorKind.YOUTH, "hej", "y1")
        # Two resends racing with one key both pass the statement's check for it; the
        # second then meets the (chat, client_key) constraint. Without the check, a resend
        # meets it the same way, inside this test's transaction, which must survive it.
        racing = store._sql("status = ANY(%s)").replace("client_key = %s", "client_key <> %s")
        with mock.patch.object(store, "_sql", lambda condition: racing):
            again, created = post(self.chat_row, AuthorKind.YOUTH, "hej", "y1")
        assert (again.pk, created) == (first.pk, False)
        assert Chat.objects.get(pk=self.chat_row.pk).last_seq == 1
        assert ChatMessage.objects.count() == 1
