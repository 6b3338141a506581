"""The chat's WebSockets through the whole ASGI stack (origin check, session, routing) with
the in-memory channel layer: live delivery, idempotent resend, reconnect after a seq without
loss or duplicates, the queue's live position, and who may open the desk."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator as _Communicator
from django.test import Client

from frirum.accounts.models import Membership, Role
from frirum.asgi import application
from frirum.chat import actions
from frirum.chat.models import AuthorKind, ChatMessage, ChatSettings
from tests.base import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ORIGIN = (b"origin", b"http://localhost")
# A wait for something that must come: generous, as a loaded CI machine may take seconds to
# connect a socket. Waits for nothing (receive_nothing) stay short.
PATIENCE = 10


class WebsocketCommunicator(_Communicator):
    async def connect(self, timeout=PATIENCE):
        return await super().connect(timeout)

    async def receive_from(self, timeout=PATIENCE):
        return await super().receive_from(timeout)

    async def receive_json_from(self, timeout=PATIENCE):
        return await super().receive_json_from(timeout)

    async def disconnect(self, code=1000, timeout=PATIENCE):
        return await super().disconnect(code, timeout)


def youth_socket():
    return WebsocketCommunicator(application, "/ws/chat/", headers=[ORIGIN])


def session_cookie(user) -> bytes:
    # Made before the event loop runs: the test client is synchronous.
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def desk_socket(cookie: bytes, site_code="chat"):
    return WebsocketCommunicator(
        application, f"/ws/chat/desk/{site_code}/", headers=[ORIGIN, (b"cookie", cookie)]
    )


async def hello(socket, token, after=0):
    connected, _ = await socket.connect()
    assert connected
    await socket.send_json_to({"type": "hello", "token": token, "after": after, "lang": "da"})


async def open_desk(cookie: bytes, chat_id: int):
    """A counsellor's desk, connected, with `chat` opened from its start."""
    socket = desk_socket(cookie)
    assert (await socket.connect())[0]
    await socket.send_json_to({"type": "hello", "chat": chat_id, "after": 0})
    return socket


def says(chat, kind, text, key, author=None):
    """A message stored as a socket would store it."""
    return actions.post_message(
        chat_id=chat.pk, author_kind=kind, author=author, text=text, client_key=key
    )


async def drain(socket) -> list[dict]:
    """Everything the socket has sent until it goes quiet."""
    received = []
    while not await socket.receive_nothing(timeout=0.3):
        received.append(await socket.receive_json_from())
    return received


def messages(events) -> list[int]:
    return [e["seq"] for e in events if e["type"] == "message"]


def test_it_refuses_an_unknown_token(desk):
    async def run():
        socket = youth_socket()
        await hello(socket, "not-a-token-" * 3)
        assert await socket.receive_json_from() == {"type": "error", "code": "unknown"}
        assert (await socket.receive_output())["type"] == "websocket.close"

    async_to_sync(run)()


def test_it_refuses_a_socket_from_another_origin(desk):
    async def run():
        socket = WebsocketCommunicator(
            application, "/ws/chat/", headers=[(b"origin", b"https://evil.example")]
        )
        connected, _ = await socket.connect()
        assert not connected

    async_to_sync(run)()


def test_it_stores_a_resend_once_and_acknowledges_it_twice(desk):
    chat_site, _counsellor, _ = desk
    chat, token = actions.start_chat(site=chat_site)

    async def run():
        socket = youth_socket()
        await hello(socket, token)
        events = await drain(socket)
        assert {"type": "status", "chat": chat.pk, "status": "waiting"} in events
        queue = next(e for e in events if e["type"] == "queue")
        assert queue["position"] == 1 and queue["wait_minutes"] is None
        for _ in range(2):
            await socket.send_json_to({"type": "send", "key": "k-1", "text": "hej"})
        events = await drain(socket)
        assert [e for e in events if e["type"] == "ack"] == [
            {"type": "ack", "chat": chat.pk, "key": "k-1", "seq": 1}
        ] * 2
        assert messages(events) == [1]
        await socket.send_json_to({"type": "send", "key": "k-2", "text": "   "})
        error = await socket.receive_json_from()
        assert (error["type"], error["code"], error["key"]) == ("error", "invalid", "k-2")
        await socket.disconnect()

    async_to_sync(run)()
    assert ChatMessage.objects.filter(chat=chat).count() == 1


@pytest.mark.parametrize("layer", ["memory", "redis"])
def test_it_delivers_both_ways_and_catches_up_after_a_reconnect(desk, layer):
    chat_site, counsellor, _ = desk
    chat, token = actions.start_chat(site=chat_site)
    counsellor_cookie = session_cookie(counsellor)

    async def run():
        young = youth_socket()
        await hello(young, token)
        await drain(young)
        counsellor_desk = desk_socket(counsellor_cookie)
        connected, _ = await counsellor_desk.connect()
        assert connected
        await database_sync_to_async(actions.take_next)(site=chat_site, user=counsellor)
        assert (await counsellor_desk.receive_json_from())["type"] == "queue"
        await counsellor_desk.send_json_to({"type": "hello", "chat": chat.pk, "after": 0})
        opened = await drain(counsellor_desk)
        assert messages(opened) == [1]  # "a counsellor has joined"
        young_events = await drain(young)
        joined = next(e for e in young_events if e["type"] == "message")
        assert (
            joined["author"] == "system"
            and joined["text"] == "En rådgiver er kommet ind i chatten."
        )
        assert {"type": "status", "chat": chat.pk, "status": "active"} in young_events

        await young.send_json_to({"type": "send", "key": "y1", "text": "hej"})
        assert messages(await drain(counsellor_desk)) == [2]
        await counsellor_desk.send_json_to(
            {"type": "send", "chat": chat.pk, "key": "c1", "text": "hej, hvordan går det?"}
        )
        assert messages(await drain(young)) == [2, 3]

        # The phone sleeps: its socket drops after seq 3; the counsellor writes on.
        await young.disconnect()
        for i in range(2):
            await counsellor_desk.send_json_to(
                {"type": "send", "chat": chat.pk, "key": f"c{i + 2}", "text": f"er du der? {i}"}
            )
        await drain(counsellor_desk)
        await database_sync_to_async(actions.post_message)(
            chat_id=chat.pk,
            author_kind=AuthorKind.WHISPER,
            author=counsellor,
            text="kun til rådgiveren",
            client_key="w1",
        )
        assert [e["author"] for e in await drain(counsellor_desk)] == ["whisper"]
        again = youth_socket()
        await hello(again, token, after=3)
        caught_up = await drain(again)
        assert messages(caught_up) == [4, 5]
        assert all(e.get("author") != "whisper" for e in caught_up)
        # The resend of a message the server stored before the drop is not a new message.
        await again.send_json_to({"type": "send", "key": "y1", "text": "hej"})
        events = await drain(again)
        assert [e["seq"] for e in events if e["type"] == "ack"] == [2]
        assert messages(events) == []
        await again.disconnect()
        await counsellor_desk.disconnect()

    async_to_sync(run)()
    assert list(ChatMessage.objects.filter(chat=chat).values_list("seq", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]


def test_it_moves_the_queue_position_live(desk):
    chat_site, counsellor, _ = desk
    _first, _ = actions.start_chat(site=chat_site)
    second, token = actions.start_chat(site=chat_site)
    counsellor_cookie = session_cookie(counsellor)

    async def run():
        young = youth_socket()
        await hello(young, token)
        queue = [e for e in await drain(young) if e["type"] == "queue"]
        assert queue[-1]["position"] == 2
        counsellor_desk = desk_socket(counsellor_cookie)
        await counsellor_desk.connect()
        online = [e for e in await drain(young) if e["type"] == "queue"]
        # One counsellor online, nobody busy: the first is taken at once, the second waits.
        assert online[-1] == {"type": "queue", "position": 2, "wait_minutes": 20, "counsellors": 1}
        await database_sync_to_async(actions.take_next)(site=chat_site, user=counsellor)
        moved = [e for e in await drain(young) if e["type"] == "queue"]
        assert moved[-1]["position"] == 1
        await young.send_json_to({"type": "leave"})
        left = await drain(young)
        assert {"type": "status", "chat": second.pk, "status": "left"} in left
        await counsellor_desk.disconnect()
        await young.disconnect()

    async_to_sync(run)()


@pytest.mark.parametrize("who", ["stranger", "anonymous"])
def test_it_keeps_the_desk_from_another_sites_people(desk, who):
    chat_site, counsellor, stranger = desk
    chat, _token = actions.start_chat(site=chat_site)
    actions.take_next(site=chat_site, user=counsellor)
    stranger_cookie = session_cookie(stranger)

    async def run():
        if who == "anonymous":
            socket = WebsocketCommunicator(application, "/ws/chat/desk/chat/", headers=[ORIGIN])
        else:
            socket = desk_socket(stranger_cookie)
        connected, _ = await socket.connect()
        assert not connected
        # At their own site the stranger's desk opens, but not this site's chat.
        if who == "stranger":
            own = desk_socket(stranger_cookie, "chat2")
            connected, _ = await own.connect()
            assert connected
            await drain(own)  # its own arrival changes the desk's queue state
            await own.send_json_to({"type": "hello", "chat": chat.pk, "after": 0})
            assert await own.receive_json_from() == {"type": "error", "code": "unknown"}
            await own.disconnect()

    async_to_sync(run)()


def test_it_keeps_another_counsellors_chat_from_a_volunteer(desk):
    chat_site, counsellor, _ = desk
    other = make_user("o@example.org", "Anden Frivillig")
    Membership.objects.create(user=other, site=chat_site, role=Role.VOLUNTEER_COUNSELLOR)
    chat, _token = actions.start_chat(site=chat_site)
    actions.take_next(site=chat_site, user=counsellor)
    other_cookie = session_cookie(other)

    async def run():
        socket = desk_socket(other_cookie)
        assert (await socket.connect())[0]
        await drain(socket)
        await socket.send_json_to({"type": "hello", "chat": chat.pk, "after": 0})
        assert await socket.receive_json_from() == {"type": "error", "code": "unknown"}
        await socket.send_json_to({"type": "send", "chat": chat.pk, "key": "x", "text": "hej"})
        assert await socket.receive_json_from() == {"type": "error", "code": "hello_first"}
        await socket.disconnect()

    async_to_sync(run)()
    assert ChatMessage.objects.filter(chat=chat).count() == 1


def test_it_lets_a_supervisor_read_along_and_whisper(desk):
    chat_site, counsellor, _ = desk
    supervisor = make_user("sup@example.org", "Vagtansvarlig")
    Membership.objects.create(user=supervisor, site=chat_site, role=Role.EMPLOYED_COUNSELLOR)
    chat, token = actions.start_chat(site=chat_site)
    actions.take_next(site=chat_site, user=counsellor)
    counsellor_cookie, supervisor_cookie = session_cookie(counsellor), session_cookie(supervisor)

    async def run():
        young = youth_socket()
        await hello(young, token)
        await drain(young)
        own = desk_socket(counsellor_cookie)
        await own.connect()
        await own.send_json_to({"type": "hello", "chat": chat.pk, "after": 1})
        await drain(own)
        reading = desk_socket(supervisor_cookie)
        await reading.connect()
        await drain(own)
        await reading.send_json_to({"type": "hello", "chat": chat.pk, "after": 0})
        assert messages(await drain(reading)) == [1]
        await young.send_json_to({"type": "send", "key": "y", "text": "hej"})
        assert messages(await drain(reading)) == [2]
        await drain(young)  # its own message and the ack
        await reading.send_json_to(
            {"type": "whisper", "chat": chat.pk, "key": "w", "text": "spørg til søvnen"}
        )
        whisper = [e for e in await drain(own) if e["type"] == "message"]
        assert [(e["seq"], e["author"]) for e in whisper] == [(2, "youth"), (3, "whisper")]
        assert [e for e in await drain(young) if e["type"] == "message"] == []
        # The volunteer cannot whisper, and the supervisor cannot write as the counsellor.
        await own.send_json_to({"type": "whisper", "chat": chat.pk, "key": "x", "text": "hej"})
        assert (await own.receive_json_from())["code"] == "forbidden"
        await drain(reading)
        await reading.send_json_to({"type": "send", "chat": chat.pk, "key": "z", "text": "hej"})
        assert (await reading.receive_json_from())["code"] == "closed"
        for socket in (young, own, reading):
            await socket.disconnect()

    async_to_sync(run)()
    assert ChatMessage.objects.filter(chat=chat).count() == 3


def test_it_slows_down_a_flood_from_one_socket(desk):
    chat_site, _counsellor, _ = desk
    chat, token = actions.start_chat(site=chat_site)

    async def run():
        young = youth_socket()
        await hello(young, token)
        await drain(young)
        for i in range(12):
            await young.send_json_to({"type": "send", "key": f"k{i}", "text": f"hej {i}"})
        events = await drain(young)
        assert len([e for e in events if e["type"] == "ack"]) == 10
        assert [e["key"] for e in events if e.get("code") == "slow_down"] == ["k10", "k11"]
        await young.disconnect()

    async_to_sync(run)()
    assert ChatMessage.objects.filter(chat=chat).count() == 10


def test_it_counts_the_flood_limit_per_chat_on_a_desk(desk):
    chat_site, counsellor, _ = desk
    ChatSettings.objects.update_or_create(site=chat_site, defaults={"capacity": 2})
    first, _ = actions.start_chat(site=chat_site)
    second, _ = actions.start_chat(site=chat_site)
    for _chat in (first, second):
        actions.take_next(site=chat_site, user=counsellor)
    cookie = session_cookie(counsellor)

    async def run():
        socket = await open_desk(cookie, first.pk)
        await socket.send_json_to({"type": "hello", "chat": second.pk, "after": 0})
        await drain(socket)
        for chat in (first, second):
            for i in range(11):
                key = f"{chat.pk}-{i}"
                await socket.send_json_to(
                    {"type": "send", "chat": chat.pk, "key": key, "text": f"hej {i}"}
                )
        events = await drain(socket)
        acked = [e["key"] for e in events if e["type"] == "ack"]
        assert len(acked) == 20
        assert [e["key"] for e in events if e.get("code") == "slow_down"] == [
            f"{first.pk}-10",
            f"{second.pk}-10",
        ]
        await socket.disconnect()

    async_to_sync(run)()
    for chat in (first, second):
        assert (
            ChatMessage.objects.filter(chat=chat, author_kind=AuthorKind.COUNSELLOR).count() == 10
        )
