"""A notification the channel layer lost (Redis restarted, a server too far behind to take its
list of pending notifications) costs a ping's interval, not the message: each side's ping
compares the chats' last seqs with what its socket sent."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from frirum.chat import actions, notify
from frirum.chat.models import AuthorKind
from tests.chat.test_consumers import (
    drain,
    hello,
    messages,
    open_desk,
    says,
    session_cookie,
    youth_socket,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def said_unannounced(monkeypatch, chat, kind, text, key, author=None):
    """A message stored whose notification never arrives."""
    with monkeypatch.context() as patched:
        patched.setattr(notify, "notify_chat", lambda *args, **kwargs: None)
        return says(chat, kind, text, key, author)


def test_it_delivers_a_message_whose_notification_was_lost_at_the_next_ping(desk, monkeypatch):
    chat_site, counsellor, _ = desk
    chat, token = actions.start_chat(site=chat_site)
    actions.take_next(site=chat_site, user=counsellor)  # seq 1
    cookie = session_cookie(counsellor)

    async def run():
        young = youth_socket()
        await hello(young, token)
        counsellor_desk = await open_desk(cookie, chat.pk)
        await drain(young)
        await drain(counsellor_desk)

        await database_sync_to_async(said_unannounced)(
            monkeypatch, chat, AuthorKind.COUNSELLOR, "hej med dig", "c1", counsellor
        )
        await database_sync_to_async(said_unannounced)(
            monkeypatch, chat, AuthorKind.YOUTH, "hej", "y1"
        )
        before_ping = await drain(young) + await drain(counsellor_desk)
        await young.send_json_to({"type": "ping"})
        to_young = await drain(young)
        await counsellor_desk.send_json_to({"type": "ping"})
        to_desk = await drain(counsellor_desk)
        # A second ping finds nothing new: nothing is sent twice.
        await young.send_json_to({"type": "ping"})
        await counsellor_desk.send_json_to({"type": "ping"})
        again = await drain(young) + await drain(counsellor_desk)
        await young.disconnect()
        await counsellor_desk.disconnect()
        return before_ping, to_young, to_desk, again

    before_ping, to_young, to_desk, again = async_to_sync(run)()
    assert messages(before_ping) == []
    assert messages(to_young) == [2, 3]
    assert messages(to_desk) == [2, 3]
    assert messages(again) == []


def test_it_reads_nothing_at_a_ping_when_nothing_was_missed(desk, reads):
    chat_site, counsellor, _ = desk
    _chat, token = actions.start_chat(site=chat_site)
    actions.take_next(site=chat_site, user=counsellor)

    async def run():
        young = youth_socket()
        await hello(young, token)
        await drain(young)
        reads.clear()
        await young.send_json_to({"type": "ping"})
        events = await drain(young)
        await young.disconnect()
        return events

    events = async_to_sync(run)()
    assert [event["type"] for event in events] == ["pong"]
    assert reads == []
