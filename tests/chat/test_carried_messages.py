"""A person's message travels with its notification: the socket next in line sends it on
without reading the database; a gap, a whisper or the system's lines are read from the
database as before, and the young person never receives a whisper's words at all."""

import channels.consumer
import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.chat import actions, notify
from frirum.chat.models import AuthorKind, ChatMessage
from tests.chat.test_consumers import (
    desk_socket,
    drain,
    hello,
    messages,
    says,
    session_cookie,
    youth_socket,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def announced(monkeypatch):
    """What each committed message announced: (chat, seq, carried words)."""
    seen = []
    original = notify.notify_chat

    def recorded(chat_id, seq, message=None):
        seen.append((chat_id, seq, message))
        return original(chat_id, seq, message)

    monkeypatch.setattr(notify, "notify_chat", recorded)
    return seen


def test_it_carries_a_persons_words_but_never_a_whisper_or_the_systems(desk, announced):
    chat_site, counsellor, _ = desk
    chat, _token = actions.start_chat(site=chat_site)
    actions.take_next(site=chat_site, user=counsellor)  # seq 1: "a counsellor has joined"
    young, _ = says(chat, AuthorKind.YOUTH, "hej", "y1")
    says(chat, AuthorKind.WHISPER, "kun til rådgiveren", "w1", counsellor)
    says(chat, AuthorKind.COUNSELLOR, "hej med dig", "c1", counsellor)
    # A resend is no new message: nothing announced.
    says(chat, AuthorKind.YOUTH, "hej", "y1")
    assert [(seq, words and words["text"]) for _chat, seq, words in announced] == [
        (1, None),
        (2, "hej"),
        (3, None),
        (4, "hej med dig"),
    ]
    assert announced[1][2] == {
        "author": "youth",
        "text": "hej",
        "key": "y1",
        "at": young.created_at.isoformat(),
    }


@pytest.fixture
def hops(monkeypatch):
    """How often channels' dispatch sent a socket's frame or notification through the
    database thread only to close stale connections."""
    seen = []

    async def counted():
        seen.append(1)

    monkeypatch.setattr(channels.consumer, "aclose_old_connections", counted)
    return seen


def test_it_sends_the_next_message_on_without_reading_it(desk, reads, hops):
    chat_site, counsellor, _ = desk
    chat, token = actions.start_chat(site=chat_site)
    counsellor_cookie = session_cookie(counsellor)

    async def run():
        young = youth_socket()
        await hello(young, token)
        await drain(young)
        counsellor_desk = desk_socket(counsellor_cookie)
        assert (await counsellor_desk.connect())[0]
        await database_sync_to_async(actions.take_next)(site=chat_site, user=counsellor)
        await counsellor_desk.send_json_to({"type": "hello", "chat": chat.pk, "after": 0})
        await drain(counsellor_desk)
        await drain(young)
        reads.clear()

        await young.send_json_to({"type": "send", "key": "y1", "text": "hej"})
        delivered = [e for e in await drain(counsellor_desk) if e["type"] == "message"]
        await counsellor_desk.send_json_to(
            {"type": "send", "chat": chat.pk, "key": "c1", "text": "hej, hvordan går det?"}
        )
        to_young = [e for e in await drain(young) if e["type"] == "message"]
        await young.disconnect()
        await counsellor_desk.disconnect()
        return delivered, to_young

    delivered, to_young = async_to_sync(run)()
    assert reads == []
    assert hops == []
    stored = {m.seq: m for m in ChatMessage.objects.filter(chat=chat)}
    # The same frame as a read would have made, field for field.
    assert [e["seq"] for e in delivered] == [2] and [e["seq"] for e in to_young] == [2, 3]
    for event in [*delivered, to_young[1]]:
        message = stored[event["seq"]]
        assert event == {
            "type": "message",
            "chat": chat.pk,
            "seq": message.seq,
            "author": message.author_kind,
            "text": message.text,
            "key": message.client_key,
            "at": message.created_at.isoformat(),
        }


def test_it_reads_after_a_gap_instead_of_trusting_the_words(desk, reads):
    chat_site, _counsellor, _ = desk
    chat, token = actions.start_chat(site=chat_site)

    async def run():
        young = youth_socket()
        await hello(young, token)
        await drain(young)
        # Two messages stored while the socket missed the first notice: the second's notice
        # skips a seq, and its words are not what is stored.
        for key in ("y1", "y2"):
            await database_sync_to_async(ChatMessage.objects.create)(
                chat_id=chat.pk, seq=int(key[1]), client_key=key, author_kind="youth", text=key
            )
        reads.clear()
        forged = {"author": "youth", "text": "not stored", "key": "y2", "at": "2026-01-01"}
        await get_channel_layer().group_send(
            notify.chat_group(chat.pk), notify.chat_event(chat.pk, 2, forged)
        )
        events = await drain(young)
        await young.disconnect()
        return events

    events = async_to_sync(run)()
    assert reads == [chat.pk]
    assert messages(events) == [1, 2]
    assert [e["text"] for e in events if e["type"] == "message"] == ["y1", "y2"]


@pytest.mark.parametrize("layer", ["memory", "redis"])
def test_it_keeps_the_young_persons_socket_in_step_past_a_whisper(desk, reads, layer):
    chat_site, counsellor, _ = desk
    chat, token = actions.start_chat(site=chat_site)
    actions.take_next(site=chat_site, user=counsellor)

    async def run():
        young = youth_socket()
        await hello(young, token)
        await drain(young)
        reads.clear()
        await database_sync_to_async(says)(
            chat, AuthorKind.WHISPER, "kun til rådgiveren", "w1", counsellor
        )
        after_whisper = await drain(young)
        whisper_reads = len(reads)
        await database_sync_to_async(says)(chat, AuthorKind.COUNSELLOR, "hej", "c1", counsellor)
        after_message = await drain(young)
        await young.disconnect()
        return after_whisper, whisper_reads, after_message

    after_whisper, whisper_reads, after_message = async_to_sync(run)()
    # The whisper's notice has no words: the socket reads, finds nothing for the young
    # person, and moves past it; the next message then comes without a read.
    assert messages(after_whisper) == [] and whisper_reads == 1
    assert messages(after_message) == [3] and len(reads) == 1
    assert all(e.get("author") != "whisper" for e in after_whisper + after_message)


def test_it_writes_a_message_without_a_savepoint_or_a_second_read(desk):
    chat_site, _counsellor, _ = desk
    chat, _token = actions.start_chat(site=chat_site)
    with CaptureQueriesContext(connection) as queries:
        says(chat, AuthorKind.YOUTH, "hej", "y1")
    if connection.vendor == "postgresql":
        # One statement (frirum.chat.store), committed on its own: one round trip.
        assert statements(queries) == ["WITH"]
    else:
        # Besides the transaction's begin and commit: the locked read (with the resend
        # check), the insert and the update. No savepoint.
        assert statements(queries) == ["SELECT", "INSERT", "UPDATE"]
    with CaptureQueriesContext(connection) as queries:
        message, created = says(chat, AuthorKind.YOUTH, "hej", "y1")
    assert (message.seq, created) == (1, False)
    resend = ["SELECT", "SELECT"]  # the locked read finds the key; the stored copy
    if connection.vendor == "postgresql":
        resend = ["WITH", *resend]  # the one statement stored nothing
    assert statements(queries) == resend


def statements(queries) -> list[str]:
    kinds = [q["sql"].split()[0].upper() for q in queries]
    return [k for k in kinds if k not in ("BEGIN", "COMMIT")]
