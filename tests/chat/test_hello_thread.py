"""A socket's hello (what it reads and writes as it connects or reconnects) runs on threads of
its own on PostgreSQL, in few calls, and messages are stored on others, so a storm of
reconnects after a server's death does not hold the conversations that never left."""

import asyncio
import threading

import pytest
from asgiref.sync import async_to_sync
from django.db import connection

from frirum.chat import actions, consumers
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

ON_POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture
def calls(monkeypatch):
    """Each database call a socket made: (lane, function name, thread name)."""
    seen = []

    def counted(lane, wrap):
        def wrapper(func, **kwargs):
            if getattr(func, "counted", False):
                # The hello thread's call, passed on to database_sync_to_async: counted once.
                return wrap(func, **kwargs)

            def recorded(*args, **kw):
                seen.append((lane, func.__name__, threading.current_thread().name))
                return func(*args, **kw)

            recorded.counted = True
            return wrap(recorded, **kwargs)

        return wrapper

    monkeypatch.setattr(consumers, "on_hello_thread", counted("hello", consumers.on_hello_thread))
    monkeypatch.setattr(
        consumers, "database_sync_to_async", counted("db", consumers.database_sync_to_async)
    )
    return seen


def test_it_greets_a_returning_young_person_in_two_calls_on_the_hello_thread(desk, calls):
    chat_site, counsellor, _ = desk
    chat, token = actions.start_chat(site=chat_site)
    actions.take_next(site=chat_site, user=counsellor)  # seq 1
    says(chat, AuthorKind.YOUTH, "hej", "y1")  # seq 2
    says(chat, AuthorKind.COUNSELLOR, "hej med dig", "c1", counsellor)  # seq 3

    async def run():
        young = youth_socket()
        await hello(young, token, after=2)
        events = await drain(young)
        await young.disconnect()
        return events

    events = async_to_sync(run)()
    assert messages(events) == [3]
    greeting = calls[: [name for _lane, name, _thread in calls].index("_arrive") + 1]
    assert [(lane, name) for lane, name, _thread in greeting] == [
        ("hello", "chat_for_token"),
        ("hello", "_arrive"),
    ]
    threads = {thread for _lane, _name, thread in greeting}
    if ON_POSTGRESQL:
        assert all(thread.startswith("chat-hello") for thread in threads)
    else:
        assert not any(thread.startswith("chat-hello") for thread in threads)


def test_it_opens_a_desk_and_its_chat_on_the_hello_thread(desk, calls):
    chat_site, counsellor, _ = desk
    chat, _token = actions.start_chat(site=chat_site)
    actions.take_next(site=chat_site, user=counsellor)
    cookie = session_cookie(counsellor)

    async def run():
        counsellor_desk = await open_desk(cookie, chat.pk)
        events = await drain(counsellor_desk)
        calls_before_leaving = list(calls)
        await counsellor_desk.disconnect()
        return events, calls_before_leaving

    events, greeting = async_to_sync(run)()
    assert messages(events) == [1]
    assert [(lane, name) for lane, name, _thread in greeting] == [
        ("hello", "_open"),
        ("hello", "desk_presence"),
        ("hello", "touch"),
        ("hello", "chat_for_user"),
        ("hello", "_read_after"),
    ]


@pytest.mark.skipif(not ON_POSTGRESQL, reason="SQLite's hellos share the database thread")
def test_it_delivers_a_live_conversation_while_the_hello_threads_are_busy(desk):
    chat_site, counsellor, _ = desk
    chat, token = actions.start_chat(site=chat_site)
    _waiting, late_token = actions.start_chat(site=chat_site)
    actions.take_next(site=chat_site, user=counsellor)
    cookie = session_cookie(counsellor)

    async def run():
        young = youth_socket()
        await hello(young, token)
        counsellor_desk = await open_desk(cookie, chat.pk)
        await drain(young)
        await drain(counsellor_desk)
        # The hello threads held, as by a hundred sockets reconnecting at once.
        release = threading.Event()
        held = [
            consumers._HELLO_THREADS.submit(release.wait, 30)
            for _ in range(consumers._HELLO_THREADS._max_workers)
        ]
        try:
            late = youth_socket()
            await hello(late, late_token)
            await young.send_json_to({"type": "send", "key": "y1", "text": "er du der?"})
            to_desk = await drain(counsellor_desk)
            await counsellor_desk.send_json_to(
                {"type": "send", "chat": chat.pk, "key": "c1", "text": "ja, jeg er her"}
            )
            to_young = await drain(young)
            unanswered = await drain(late)
        finally:
            release.set()
        await asyncio.gather(*(asyncio.wrap_future(future) for future in held))
        answered = await drain(late)
        for socket in (young, counsellor_desk, late):
            await socket.disconnect()
        return to_desk, to_young, unanswered, answered

    to_desk, to_young, unanswered, answered = async_to_sync(run)()
    assert messages(to_desk) == [2]
    assert messages(to_young) == [2, 3]
    # The late hello waited for a hello thread, and was answered once one was free.
    assert unanswered == []
    assert any(event["type"] == "queue" for event in answered)
