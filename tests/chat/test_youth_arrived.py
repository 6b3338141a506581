"""A young person's hello marks the chat present and reads it in one statement."""

from frirum.chat import actions, presence
from frirum.chat.models import AuthorKind, Chat, ChatStatus
from tests.chat.base import ChatTestCase, ago, start


class YouthArrivedTests(ChatTestCase):
    def test_it_marks_a_waiting_chat_present_and_returns_it_in_one_query(self):
        chat, _ = start(self.chat)
        Chat.objects.filter(pk=chat.pk).update(youth_connected=False, youth_seen_at=ago(hours=1))
        with self.assertNumQueries(1):
            arrived = presence.youth_arrived(chat_id=chat.pk)
        assert arrived.pk == chat.pk
        assert arrived.status == ChatStatus.WAITING
        assert arrived.youth_connected is True
        assert arrived.youth_seen_at > ago(minutes=1)
        stored = Chat.objects.get(pk=chat.pk)
        assert stored.youth_connected is True
        assert stored.youth_seen_at == arrived.youth_seen_at

    def test_it_returns_an_active_chat_as_it_stands(self):
        chat, _ = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        actions.post_message(
            chat_id=chat.pk, author_kind=AuthorKind.YOUTH, text="hej", client_key="y1"
        )
        arrived = presence.youth_arrived(chat_id=chat.pk)
        stored = Chat.objects.get(pk=chat.pk)
        assert arrived.status == ChatStatus.ACTIVE
        assert arrived.last_seq == stored.last_seq > 0
        assert arrived.counsellor_id == self.chat_volunteer.pk
        assert arrived.site_id == self.chat.pk

    def test_it_leaves_an_ended_chat_alone(self):
        chat, _ = start(self.chat)
        actions.end_chat(chat=chat)
        Chat.objects.filter(pk=chat.pk).update(youth_connected=False)
        assert presence.youth_arrived(chat_id=chat.pk) is None
        assert Chat.objects.get(pk=chat.pk).youth_connected is False

    def test_it_finds_no_unknown_chat(self):
        assert presence.youth_arrived(chat_id=987654) is None

    def test_it_touches_only_its_own_chat(self):
        chat, _ = start(self.chat)
        other, _ = start(self.chat)
        Chat.objects.update(youth_connected=False)
        presence.youth_arrived(chat_id=chat.pk)
        assert Chat.objects.get(pk=other.pk).youth_connected is False
