"""The desk's socket under the sign-in's limits: closed at the idle and absolute limits and
when signed out elsewhere, refused while the second step is owed; the counsellor's writing
at the desk counts as activity for the session."""

import time

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from frirum.accounts.session import IDLE, SEEN_AT, SIGNED_IN_AT, TWO_FACTOR
from frirum.chat import actions, desk_session
from frirum.chat.consumers import CLOSE_SIGNED_OUT
from tests.chat.test_consumers import (
    desk_socket,
    drain,
    session_cookie,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def session_of(cookie: bytes) -> SessionStore:
    return SessionStore(cookie.decode().split("=", 1)[1])


def change(cookie: bytes, **values) -> None:
    session = session_of(cookie)
    for key, value in values.items():
        if value is None:
            session.pop(key, None)
        else:
            session[key] = value
    session.save()


async def closed_signed_out(socket) -> bool:
    assert await socket.receive_json_from() == {"type": "error", "code": "signed_out"}
    output = await socket.receive_output()
    return output == {"type": "websocket.close", "code": CLOSE_SIGNED_OUT}


@pytest.mark.parametrize("limit", ["idle", "max_age", "signed_out"])
def test_it_closes_the_desk_at_the_sign_ins_limits(desk, limit):
    _chat_site, counsellor, _ = desk
    cookie = session_cookie(counsellor)

    async def run():
        socket = desk_socket(cookie)
        assert (await socket.connect())[0]
        await drain(socket)
        await socket.send_json_to({"type": "ping"})
        assert await socket.receive_json_from() == {"type": "pong"}
        now = time.time()
        if limit == "idle":
            stale = now - settings.FRIRUM_SESSION_IDLE_MINUTES * 60 - 5
            await sync(change)(cookie, **{SEEN_AT: stale})
        elif limit == "max_age":
            old = now - settings.FRIRUM_SESSION_MAX_HOURS * 3600 - 5
            await sync(change)(cookie, **{SIGNED_IN_AT: old})
        else:
            await sync(lambda: session_of(cookie).delete())()
        await socket.send_json_to({"type": "ping"})
        assert await closed_signed_out(socket)

    async_to_sync(run)()


def sync(function):
    from channels.db import database_sync_to_async

    return database_sync_to_async(function)


def test_it_refuses_the_desk_while_the_second_step_is_owed(desk):
    _chat_site, counsellor, _ = desk
    cookie = session_cookie(counsellor)
    change(cookie, **{TWO_FACTOR: "verify"})

    async def run():
        socket = desk_socket(cookie)
        connected, _ = await socket.connect()
        assert not connected

    async_to_sync(run)()


def test_it_counts_writing_at_the_desk_as_activity(desk):
    chat_site, counsellor, _ = desk
    chat, _token = actions.start_chat(site=chat_site)
    actions.take_next(site=chat_site, user=counsellor)
    cookie = session_cookie(counsellor)
    # Twenty minutes without a page view, writing in the chat all along.
    earlier = time.time() - 20 * 60
    change(cookie, **{SEEN_AT: earlier})

    async def run():
        socket = desk_socket(cookie)
        assert (await socket.connect())[0]
        await socket.send_json_to({"type": "hello", "chat": chat.pk, "after": 0})
        await socket.send_json_to({"type": "send", "chat": chat.pk, "key": "c1", "text": "hej"})
        await drain(socket)
        await socket.disconnect()

    async_to_sync(run)()
    assert session_of(cookie)[SEEN_AT] > earlier + 19 * 60


def test_it_does_not_revive_an_idle_sign_in():
    session = SessionStore()
    stale = time.time() - settings.FRIRUM_SESSION_IDLE_MINUTES * 60 - 5
    session.update({"_auth_user_id": "1", SEEN_AT: stale, SIGNED_IN_AT: stale})
    session.save()
    assert desk_session.touch(session.session_key, 1) == IDLE
    assert SessionStore(session.session_key)[SEEN_AT] == stale
    assert desk_session.problem(session.session_key, 2) == desk_session.SIGNED_OUT
    assert desk_session.problem(None, 1) == desk_session.SIGNED_OUT
