"""The chat's WebSockets. The database is the record; a socket only tells its client what it
has not sent it yet.

Client to server (JSON):
  {"type": "hello", "after": N, ...}   first message; the young person adds "token", the desk
                                       names the "chat" it opens (one socket, several chats)
  {"type": "send", "key": K, "text": T}  a message; K is the client's own key, so a resend
                                       after a dropped connection is stored once
  {"type": "leave"}                    the young person leaves the queue or ends the chat
  {"type": "ping"}                     keeps the place in the queue / the desk online
Server to client:
  {"type": "message", "chat", "seq", "author", "text", "key", "at"}   in seq order, no gaps
  {"type": "ack", "key", "seq"}, {"type": "status", "status"}, {"type": "queue", ...},
  {"type": "error", "code"}

Notifications over the channel layer say "chat X changed up to seq N" or carry the queue's
order; a socket reads from the database the messages after the last seq it sent, so it
never sends one twice or skips one, whatever order notifications arrive in. A person's
message comes with its own notification (frirum.chat.notify): the socket whose last sent
seq is the one before sends it on without a read; after a gap it reads. The queue's order
comes whole in the notification: a waiting young person's socket finds its place in it
without reading the database.
"""

import logging
import time
from concurrent.futures import ThreadPoolExecutor

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from frirum.chat import access, actions, desk_session, presence, selectors
from frirum.chat.models import AuthorKind, ChatStatus
from frirum.chat.notify import chat_group, message_fields, queue_group, serving_sockets
from frirum.chat.selectors import QueueSnapshot
from frirum.chat.shared_snapshot import hello_snapshots
from frirum.chat.texts import system_text

log = logging.getLogger(__name__)

CLOSE_UNKNOWN = 4404
SEND_BURST = 10
SEND_WINDOW = 10.0
CLOSE_FORBIDDEN = 4403
# The desk's sign-in ended (idle, too old, signed out elsewhere): the page reloads into the
# login, which says why.
CLOSE_SIGNED_OUT = 4401


# The chat's database work beside the process's one thread for it (which also runs every HTTP
# request): on PostgreSQL, messages are stored on two threads of their own and what a socket
# reads and writes as it (re)connects on a third. Once a server died, the survivors' one
# thread was their bottleneck: storing every message, each waiting on PostgreSQL, while the
# event loop idled, and the dead server's sockets' hellos queued on it held the survivors'
# own chats for seconds (benchmarks/RESULTS.md). Four threads fit the process's pool of four
# connections (FRIRUM_DB_POOL_SIZE); a second hello thread was slower on two cores. SQLite
# writes one at a time and its shared in-memory test database locks whole tables across
# threads: there all of it stays on the one thread.
_HELLO_THREADS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chat-hello")
_WRITE_THREADS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="chat-write")


def _on(executor: ThreadPoolExecutor, func):
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return database_sync_to_async(func)
    return database_sync_to_async(func, thread_sensitive=False, executor=executor)


def on_hello_thread(func):
    """`func` as a coroutine on a hello thread (or the database thread, on SQLite)."""
    return _on(_HELLO_THREADS, func)


def on_write_thread(func):
    """`func` as a coroutine on a thread that stores messages (the database thread, on SQLite)."""
    return _on(_WRITE_THREADS, func)


def message_frame(chat_id: int, seq: int, fields: dict) -> dict:
    """What a client receives for a message: `fields` from notify.message_fields."""
    return {"type": "message", "chat": chat_id, "seq": seq, **fields}


def serialize(message, *, lang: str) -> dict:
    fields = message_fields(message)
    if message.author_kind == AuthorKind.SYSTEM:
        with translation.override(lang):
            fields["text"] = system_text(message.client_key, message.text)
    return message_frame(message.chat_id, message.seq, fields)


def _lang(content) -> str:
    lang = content.get("lang")
    return lang if lang in ("da", "en") else "da"


class _ChatSocket(AsyncJsonWebsocketConsumer):
    """What both sides share: per chat, the last seq sent; catching up from the database."""

    for_youth = True

    async def dispatch(self, message):
        # channels' own dispatch first closes stale database connections, on the one thread
        # a server process has for database work: every frame and every notification, even
        # one that needs no database, would wait in that thread's queue behind the other
        # sockets' reads and writes. Every database call here goes through
        # database_sync_to_async, which closes them around the call itself.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self):
        self.sent: dict[int, int] = {}
        self.lang = "da"
        serving_sockets()
        await self.accept()

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict):
            return await self.send_json({"type": "error", "code": "bad_request"})
        handler = getattr(self, f"on_{content.get('type')}", None)
        if handler is None or content.get("type") not in self.commands:
            return await self.send_json({"type": "error", "code": "bad_request"})
        await handler(content)

    async def _catch_up(self, chat_id: int) -> None:
        chat, messages = await database_sync_to_async(self._read_after)(chat_id)
        await self._deliver(chat_id, chat, messages)

    async def _deliver(self, chat_id: int, chat, messages) -> None:
        """Sends what `_read_after` read that the client does not have yet."""
        for message in messages:
            if message.seq <= self.sent.get(chat_id, 0):
                continue
            await self.send_json(serialize(message, lang=self.lang))
            self.sent[chat_id] = message.seq
        if chat is None:
            return
        # Every message up to the chat's last seq was committed before the chat was read, so
        # the read had them all: the young person's socket also passes the whispers it never
        # sends, and the next message can come straight from its notification.
        self.sent[chat_id] = max(self.sent.get(chat_id, 0), chat.last_seq)
        if chat.status != self.statuses.get(chat_id):
            self.statuses[chat_id] = chat.status
            await self.send_json({"type": "status", "chat": chat_id, "status": chat.status})
            await self.status_changed(chat)

    async def status_changed(self, chat) -> None:
        """A chat this socket follows was taken, ended or left."""

    def _last_seqs(self) -> dict[int, int]:
        """Each followed chat's last seq, as stored."""
        from frirum.chat.models import Chat

        return dict(Chat.objects.filter(pk__in=list(self.sent)).values_list("pk", "last_seq"))

    async def _catch_up_missed(self, last_seqs: dict[int, int]) -> None:
        """A notification the channel layer lost (Redis restarted, a server too far behind)
        costs at most a ping's interval: the ping compares each chat's last seq with the
        last one sent."""
        for chat_id, last_seq in last_seqs.items():
            if last_seq > self.sent.get(chat_id, 0):
                await self._catch_up(chat_id)

    def _read_after(self, chat_id: int):
        from frirum.chat.models import Chat

        chat = Chat.objects.filter(pk=chat_id).first()
        if chat is None:
            return None, []
        return chat, self._messages_after(chat)

    def _messages_after(self, chat) -> list:
        """The chat's messages after the last seq sent, `chat` read after the group's join."""
        return selectors.messages_after(chat, self.sent.get(chat.pk, 0), for_youth=self.for_youth)

    async def chat_changed(self, event):
        chat_id, seq = event["chat"], event["seq"]
        last = self.sent.get(chat_id)
        if last is None or seq <= last:
            return
        words = event.get("message")
        if words is not None and seq == last + 1:
            # The next in line, stored and carried whole: sent on without reading it back.
            await self.send_json(message_frame(chat_id, seq, words))
            self.sent[chat_id] = seq
            return
        await self._catch_up(chat_id)

    def _too_fast(self, chat_id: int) -> bool:
        """More than SEND_BURST messages to one chat within SEND_WINDOW seconds: a flood, not
        a conversation. Counted per chat, not per socket: a counsellor's desk carries up to
        three chats, and a desk back from a lost connection sends what it wrote meanwhile,
        which one window for all of them refused and delayed by seconds. The client's outbox
        keeps a refused message and sends it again later."""
        now = time.monotonic()
        windows = self.__dict__.setdefault("send_times", {})
        sent = [t for t in windows.get(chat_id, ()) if now - t < SEND_WINDOW]
        windows[chat_id] = sent
        if len(sent) >= SEND_BURST:
            return True
        sent.append(now)
        return False

    async def _send(self, chat_id: int, content, *, author_kind: str, author=None) -> None:
        key = content.get("key")
        if self._too_fast(chat_id):
            return await self.send_json({"type": "error", "code": "slow_down", "key": key})
        try:
            message, _created = await on_write_thread(actions.post_message)(
                chat_id=chat_id,
                author_kind=author_kind,
                author=author,
                text=content.get("text"),
                client_key=key,
            )
        except ValidationError as error:
            return await self.send_json(
                {"type": "error", "code": "invalid", "key": key, "message": error.messages[0]}
            )
        except actions.ChatClosed:
            return await self.send_json({"type": "error", "code": "closed", "key": key})
        await self.send_json({"type": "ack", "chat": chat_id, "key": key, "seq": message.seq})
        if message.seq == self.sent.get(chat_id, 0) + 1:
            # The next in line is the one just stored: sent as it is, without reading it back.
            await self.send_json(serialize(message, lang=self.lang))
            self.sent[chat_id] = message.seq
        else:
            await self._catch_up(chat_id)


class YouthChatConsumer(_ChatSocket):
    """The young person's socket: one chat, found by the token in the first message."""

    commands = ("hello", "send", "leave", "ping")
    for_youth = True

    async def connect(self):
        self.chat = None
        self.in_queue = False
        self.statuses = {}
        await super().connect()

    async def on_hello(self, content):
        if self.chat is not None:
            return await self._catch_up(self.chat.pk)
        self.lang = _lang(content)
        chat = await on_hello_thread(selectors.chat_for_token)(content.get("token"))
        if chat is None:
            await self.send_json({"type": "error", "code": "unknown"})
            return await self.close(code=CLOSE_UNKNOWN)
        self.chat = chat
        after = content.get("after")
        self.sent[chat.pk] = after if isinstance(after, int) and after >= 0 else 0
        # Joined before reading: a message stored in between is announced, not missed.
        await self.channel_layer.group_add(chat_group(chat.pk), self.channel_name)
        self.in_queue = chat.status == ChatStatus.WAITING
        joined_at = None
        if self.in_queue:
            await self.channel_layer.group_add(queue_group(chat.site_id), self.channel_name)
            joined_at = time.monotonic()
        current, messages, snapshot = await on_hello_thread(self._arrive)(chat, joined_at)
        await self._deliver(chat.pk, current, messages)
        if self.in_queue:
            await self._send_queue(snapshot)

    def _arrive(self, chat, joined_at: float | None):
        """The hello's database work in one call: present, the messages after the client's
        last seq, and the queue as it stands when the chat was waiting (a reading shared
        with the other hellos that joined the queue's group before it started)."""
        current = presence.youth_arrived(chat_id=chat.pk) if chat.is_open else None
        if current is None:
            current, messages = self._read_after(chat.pk)
        else:
            messages = self._messages_after(current)
        snapshot = None
        if self.in_queue:
            snapshot = hello_snapshots.for_hello(chat, joined_at=joined_at)
        return current, messages, snapshot

    async def on_send(self, content):
        if self.chat is None:
            return await self.send_json({"type": "error", "code": "hello_first"})
        await self._send(self.chat.pk, content, author_kind=AuthorKind.YOUTH)

    async def on_leave(self, content):
        if self.chat is None:
            return await self.send_json({"type": "error", "code": "hello_first"})
        await database_sync_to_async(actions.end_chat)(chat=self.chat)
        await self._catch_up(self.chat.pk)

    async def on_ping(self, content):
        last_seqs = {}
        if self.chat is not None and self.statuses.get(self.chat.pk) in (
            ChatStatus.WAITING,
            ChatStatus.ACTIVE,
        ):
            last_seqs = await database_sync_to_async(self._present)()
        await self.send_json({"type": "pong"})
        await self._catch_up_missed(last_seqs)

    def _present(self) -> dict[int, int]:
        presence.youth_presence(chat_id=self.chat.pk, connected=True)
        return self._last_seqs()

    async def queue_changed(self, event):
        if self.in_queue:
            await self._send_queue(QueueSnapshot.from_event(event))

    async def _send_queue(self, snapshot: QueueSnapshot) -> None:
        """The young person's place, read from the site's queue as broadcast: no query."""
        state = snapshot.state_for(self.chat.pk)
        await self.send_json(
            {
                "type": "queue",
                "position": state.position,
                "wait_minutes": state.wait_minutes,
                "counsellors": state.counsellors,
            }
        )

    async def status_changed(self, chat) -> None:
        # Taken, ended or left: the queue's broadcasts are no longer this socket's business.
        if chat.status != ChatStatus.WAITING and self.in_queue:
            self.in_queue = False
            await self.channel_layer.group_discard(queue_group(chat.site_id), self.channel_name)

    async def disconnect(self, code):
        if self.chat is not None:
            await self.channel_layer.group_discard(chat_group(self.chat.pk), self.channel_name)
            if self.in_queue:
                await self.channel_layer.group_discard(
                    queue_group(self.chat.site_id), self.channel_name
                )
            await database_sync_to_async(presence.youth_presence)(
                chat_id=self.chat.pk, connected=False
            )


class DeskConsumer(_ChatSocket):
    """A counsellor's desk at one site: the queue's changes and the chats it has opened."""

    commands = ("hello", "send", "whisper", "ping")
    for_youth = False

    async def connect(self):
        self.statuses = {}
        self.user = self.scope.get("user")
        code = self.scope["url_route"]["kwargs"]["site_code"]
        self.site, self.supervises = await on_hello_thread(self._open)(code)
        if self.site is None:
            # Refused before the handshake completes: the browser sees a failed connection.
            return await self.close(code=CLOSE_FORBIDDEN)
        await super().connect()
        # Online once in the queue's group: the broadcast this causes reaches this desk too.
        await self.channel_layer.group_add(queue_group(self.site.pk), self.channel_name)
        await on_hello_thread(presence.desk_presence)(site=self.site, user=self.user, delta=1)

    def _open(self, code: str):
        """The site whose desk this is and whether the user supervises it, or (None, False):
        no membership there, or a sign-in that no longer holds."""
        site = access.desk_site(self.user, code)
        if site is None or desk_session.problem(self._session_key(), self.user.pk) is not None:
            return None, False
        return site, access.is_supervisor(self.user, site)

    def _session_key(self):
        session = self.scope.get("session")
        return getattr(session, "session_key", None)

    async def _signed_out(self, *, acted: bool = False, hello: bool = False) -> bool:
        """The sign-in's limits, read from the session store; the counsellor's own actions
        count as activity (checked at most once a minute between pings)."""
        now = time.monotonic()
        if acted and now - getattr(self, "touched_at", float("-inf")) < 60:
            return False
        check = desk_session.touch if acted else desk_session.problem
        run = on_hello_thread if hello else database_sync_to_async
        reason = await run(check)(self._session_key(), self.user.pk)
        if acted and reason is None:
            self.touched_at = now
        return reason is not None

    async def _close_signed_out(self) -> None:
        await self.send_json({"type": "error", "code": "signed_out"})
        await self.close(code=CLOSE_SIGNED_OUT)

    async def receive_json(self, content, **kwargs):
        kind = content.get("type") if isinstance(content, dict) else None
        acted = kind in ("hello", "send", "whisper")
        if await self._signed_out(acted=acted, hello=kind == "hello"):
            return await self._close_signed_out()
        await super().receive_json(content, **kwargs)

    async def on_hello(self, content):
        self.lang = _lang(content)
        chat = await on_hello_thread(access.chat_for_user)(self.user, content.get("chat"))
        if chat is None or chat.site_id != self.site.pk:
            return await self.send_json({"type": "error", "code": "unknown"})
        after = content.get("after")
        if chat.pk not in self.sent:
            self.sent[chat.pk] = after if isinstance(after, int) and after >= 0 else 0
            await self.channel_layer.group_add(chat_group(chat.pk), self.channel_name)
        current, messages = await on_hello_thread(self._read_after)(chat.pk)
        await self._deliver(chat.pk, current, messages)

    async def on_send(self, content):
        chat_id = content.get("chat")
        if chat_id not in self.sent:
            return await self.send_json({"type": "error", "code": "hello_first"})
        await self._send(chat_id, content, author_kind=AuthorKind.COUNSELLOR, author=self.user)

    async def on_whisper(self, content):
        """The supervisor's words to the chat's counsellor; never sent to the young person."""
        chat_id = content.get("chat")
        if chat_id not in self.sent:
            return await self.send_json({"type": "error", "code": "hello_first"})
        if not self.supervises:
            return await self.send_json(
                {"type": "error", "code": "forbidden", "key": content.get("key")}
            )
        await self._send(chat_id, content, author_kind=AuthorKind.WHISPER, author=self.user)

    async def on_ping(self, content):
        last_seqs = await database_sync_to_async(self._present)()
        await self.send_json({"type": "pong"})
        await self._catch_up_missed(last_seqs)

    def _present(self) -> dict[int, int]:
        presence.desk_presence(site=self.site, user=self.user, delta=0)
        return self._last_seqs()

    async def queue_changed(self, event):
        await self.send_json({"type": "queue", "count": len(event["order"])})

    async def disconnect(self, code):
        if getattr(self, "site", None) is None:
            return
        await self.channel_layer.group_discard(queue_group(self.site.pk), self.channel_name)
        for chat_id in getattr(self, "sent", {}):
            await self.channel_layer.group_discard(chat_group(chat_id), self.channel_name)
        await database_sync_to_async(presence.desk_presence)(
            site=self.site, user=self.user, delta=-1
        )
