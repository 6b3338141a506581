"""Notifications over the channel layer, sent after the write is committed: "this chat has
messages up to seq N", or the queue's order (chat ids and the desk's numbers, nothing the
young person wrote). A socket reads a chat's messages it has not sent yet from the
database, so a lost notification costs nothing but a delay, and a repeated one is harmless.

One shortcut, for the busiest path: the notification of a young person's or a counsellor's
message carries that stored message (`carried`), so a socket whose last sent seq is the one
before it sends it on without reading it back. Anything else (a gap, the system's lines
that go with a status change, a supervisor's whisper) carries no words and is read from
the database. The words pass through the channel layer only on their way to a socket
(Redis publish/subscribe keeps nothing); the database stays the record. A notification can
be lost (Redis restarted); a socket's next ping catches up what it would have said.

Always called after the write is committed (transaction.on_commit or outside atomic()).

The queue: the process that changes it reads the site's queue once (`queue_snapshot`, five
queries) and sends it to the site's group; each waiting young person's socket finds its
place in the list, each desk its length, without a query of their own. A burst of changes
(a hundred desks opening, a counsellor taking three chats) is one broadcast now and one more
at most QUEUE_WINDOW later, read when it is sent, so the last word is always the current
state. The window is kept per server process, on the event loop that serves the sockets.
"""

import asyncio
import contextvars
import logging
import os
import weakref

from asgiref.sync import SyncToAsync, async_to_sync, sync_to_async
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)

# At most one queue broadcast per site and process in this many seconds (plus the trailing one).
QUEUE_WINDOW = 0.25


def chat_group(chat_id: int) -> str:
    return f"chat.{chat_id}"


def queue_group(site_id: int) -> str:
    """Everyone waiting at the site and every open desk: positions and the queue list."""
    return f"chatqueue.{site_id}"


# Whose words a notification may carry: never a whisper (the young person's socket is in the
# chat's group too) nor the system's lines (they go with a status change, read with it).
CARRIED_AUTHORS = frozenset({"youth", "counsellor"})


def message_fields(message) -> dict:
    """A stored message's fields as a socket sends them (the system's text untranslated)."""
    return {
        "author": str(message.author_kind),
        "text": message.text,
        "key": message.client_key,
        "at": message.created_at.isoformat(),
    }


def carried(message) -> dict | None:
    """A stored message as its notification carries it, or None where it must be read."""
    if message.author_kind not in CARRIED_AUTHORS:
        return None
    return message_fields(message)


def chat_event(chat_id: int, seq: int, message: dict | None = None) -> dict:
    event = {"type": "chat.changed", "chat": chat_id, "seq": seq}
    if message is not None:
        event["message"] = message
    return event


def queue_event(site_id: int, snapshot) -> dict:
    return {"type": "queue.changed", "site": site_id, **snapshot.as_event()}


def _snapshot(site_id: int):
    from frirum.chat.selectors import queue_snapshot
    from frirum.sites.models import Site

    return queue_snapshot(Site.objects.get(pk=site_id))


async def anotify_chat(chat_id: int, seq: int, message: dict | None = None) -> None:
    await get_channel_layer().group_send(chat_group(chat_id), chat_event(chat_id, seq, message))


def _spawn(loop, coroutine, tasks: set, failure: str) -> None:
    """Run `coroutine` on `loop` unawaited, held in `tasks` until done, a failure logged.
    A context of its own: the caller's may name the thread of a request that has returned
    by now, and a read in the task would be sent there."""
    task = loop.create_task(coroutine, context=contextvars.Context())
    tasks.add(task)

    def finished(done: asyncio.Task) -> None:
        tasks.discard(done)
        if not done.cancelled() and done.exception() is not None:
            log.error(failure, exc_info=done.exception())

    task.add_done_callback(finished)


class _Window:
    """One event loop's queue broadcasts: when each site's last went out, which are due."""

    def __init__(self) -> None:
        self.last: dict[int, float] = {}
        self.due: set[int] = set()
        self.tasks: set[asyncio.Task] = set()


# Loops that serve sockets (a server process's, a test's): the window applies there. Any
# other loop (async_to_sync in a command) lives for one call: it broadcasts at once.
_serving: "weakref.WeakSet[asyncio.AbstractEventLoop]" = weakref.WeakSet()
_windows: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Window]" = (
    weakref.WeakKeyDictionary()
)


def serving_sockets() -> None:
    """Called by the sockets on connect: this loop outlives a call and may hold a broadcast."""
    _serving.add(asyncio.get_running_loop())


async def _broadcast_queue(site_id: int) -> None:
    snapshot = await database_sync_to_async(_snapshot)(site_id)
    await get_channel_layer().group_send(queue_group(site_id), queue_event(site_id, snapshot))


def _start(loop, window: _Window, site_id: int) -> None:
    window.due.discard(site_id)
    window.last[site_id] = loop.time()
    _spawn(loop, _broadcast_queue(site_id), window.tasks, "chat queue broadcast failed")


async def anotify_queue(site_id: int) -> None:
    """The site's queue changed: broadcast it now, or once the window since the last has
    passed (a broadcast already due covers this change too: it reads the queue when sent)."""
    loop = asyncio.get_running_loop()
    if loop not in _serving:
        # The caller's own thread reads the queue (it is inside async_to_sync).
        snapshot = await sync_to_async(_snapshot)(site_id)
        await get_channel_layer().group_send(queue_group(site_id), queue_event(site_id, snapshot))
        return
    window = _windows.setdefault(loop, _Window())
    if site_id in window.due:
        return
    wait = window.last.get(site_id, float("-inf")) + QUEUE_WINDOW - loop.time()
    window.due.add(site_id)
    if wait <= 0:
        # A task, not awaited here: the caller is a commit hook on the one thread that runs
        # the process's database work, and the broadcast's read must wait for it to return.
        loop.call_soon(_start, loop, window, site_id, context=contextvars.Context())
    else:
        loop.call_later(wait, _start, loop, window, site_id, context=contextvars.Context())


def _serving_loop_of_this_thread():
    """The socket-serving loop that called into this thread (a consumer's or a request's
    database work), or None (a command, a test's synchronous client)."""
    local = SyncToAsync.threadlocal
    loop = getattr(local, "main_event_loop", None)
    if loop is None or getattr(local, "main_event_loop_pid", None) != os.getpid():
        return None
    if loop.is_closed() or loop not in _serving:
        return None
    return loop


_notices: set[asyncio.Task] = set()


def _start_notice(loop, chat_id: int, seq: int, message: dict | None) -> None:
    _spawn(loop, anotify_chat(chat_id, seq, message), _notices, "chat notification failed")


def notify_chat(chat_id: int, seq: int, message: dict | None = None) -> None:
    loop = _serving_loop_of_this_thread()
    if loop is None:
        async_to_sync(anotify_chat)(chat_id, seq, message)
        return
    # Handed to the loop, not waited for: the caller is the process's one thread for
    # database work, and every socket's next write waits while it does. Notifications of one
    # chat leave in commit order; should two still reach a socket out of order, it sees a
    # gap and reads, and the later one of the two is then nothing new.
    loop.call_soon_threadsafe(_start_notice, loop, chat_id, seq, message)


def notify_queue(site_id: int) -> None:
    async_to_sync(anotify_queue)(site_id)


def queue_after_commit(site_id: int) -> None:
    """The site's queue changed in the transaction under way: broadcast once it commits."""

    # A named function, not a partial: Django logs a robust hook's failure under its
    # __qualname__, which a partial lacks.
    def announce_queue():
        notify_queue(site_id)

    transaction.on_commit(announce_queue, robust=True)
