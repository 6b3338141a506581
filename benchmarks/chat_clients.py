"""The chat benchmark's clients and bookkeeping (benchmarks.chat runs them): one socket per
young person or desk that reconnects to the next server when its own goes away, each side's
messages at an interval, and per phase what was sent, received and how late."""

import asyncio
import itertools
import json
import random
import time
from dataclasses import dataclass, field

import websockets


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    sent: set = field(default_factory=set)
    received: dict = field(default_factory=dict)  # key -> how many times the other side got it
    latency_of: dict = field(default_factory=dict)  # key -> its first delivery's latency

    def figures(self, touched_chats: set[int] = frozenset()) -> dict:
        duplicates = sum(count - 1 for count in self.received.values() if count > 1)
        lost = len(self.sent - set(self.received))
        figures = {
            "sent": len(self.sent),
            "received": len(self.received),
            "lost": lost,
            "duplicated": duplicates,
            "p50_ms": percentile(self.latencies, 0.50) * 1000,
            "p99_ms": percentile(self.latencies, 0.99) * 1000,
        }
        # Split by whether a side of the message's chat had to reconnect: those wait for
        # the reconnection (and its catching up) by nature; the others show what the kill
        # costs the surviving servers' own sockets.
        for name, wanted in (("untouched", False), ("touched", True)):
            values = [
                latency
                for key, latency in self.latency_of.items()
                if (chat_of_key(key) in touched_chats) is wanted
            ]
            figures[name] = {
                "count": len(values),
                "p50_ms": percentile(values, 0.50) * 1000,
                "p99_ms": percentile(values, 0.99) * 1000,
            }
        return figures


def chat_of_key(key: str) -> int:
    """Keys are "<side><chat>-<n>" (Run.new_key)."""
    return int(key[1:].split("-", 1)[0])


class Run:
    """Shared bookkeeping: when each key was sent, which phase it belongs to."""

    def __init__(self, reconnect: str = "balanced"):
        # After the kill, messages sent until every client of the killed server is connected
        # again and answered wait for that by nature (a socket cannot receive while it is
        # gone); those sent after it show the survivors carrying everyone.
        self.phases = [
            Phase("before the kill"),
            Phase("while reconnecting"),
            Phase("after reconnecting"),
        ]
        self.phase = self.phases[0]
        self.sent_at: dict[str, tuple[float, Phase]] = {}
        self.sending = True
        self.keys = itertools.count(1)
        # Where a client whose server went away connects. "balanced": the next server in one
        # rotation shared by every client, as a load balancer's round robin (docs/
        # operations.md: app hosts behind one, no sticky sessions), so the survivors share
        # the killed server's clients; an attempt that meets the dead server fails at once
        # and takes the next. "next": the server after its own, so one survivor takes them
        # all (the benchmark's only way until 2026-12-01).
        self.reconnect = reconnect
        self.rotation = itertools.count()
        self.slowed = [0, 0, 0]  # "slow_down" refusals per phase (sent again a second later)
        # Per reconnection: seconds from the lost connection to the socket open again, and to
        # every hello answered again.
        self.reopen_times: list[float] = []
        self.reconnect_times: list[float] = []

    def by_second(self, phase: Phase, start: float, touched_chats: set[int]) -> list[dict]:
        """The untouched chats' deliveries in `phase` by the second after `start` they were
        sent in: whether the survivors' delay is a passing storm or a lasting overload."""
        seconds: dict[int, list[float]] = {}
        for key, latency in phase.latency_of.items():
            if chat_of_key(key) not in touched_chats:
                second = int(self.sent_at[key][0] - start)
                seconds.setdefault(second, []).append(latency)
        return [
            {
                "second": second,
                "count": len(values),
                "p50_ms": percentile(values, 0.50) * 1000,
                "p99_ms": percentile(values, 0.99) * 1000,
            }
            for second, values in sorted(seconds.items())
        ]

    def new_key(self, side: str, chat: int) -> str:
        return f"{side}{chat}-{next(self.keys)}"

    def acked(self, key: str) -> None:
        entry = self.sent_at.get(key)
        if entry is not None:
            entry[1].sent.add(key)

    def delivered(self, key: str) -> None:
        entry = self.sent_at.get(key)
        if entry is None:
            return
        sent, phase = entry
        phase.received[key] = phase.received.get(key, 0) + 1
        if phase.received[key] == 1:
            latency = time.perf_counter() - sent
            phase.latencies.append(latency)
            phase.latency_of[key] = latency


class Client:
    """One socket (a young person's, or a counsellor's desk with its chats) that reconnects
    to the next server when its own goes away, saying the last seq it has per chat."""

    def __init__(self, bench: Run, urls: list[str], index: int, *, side: str, hello, headers):
        self.bench, self.urls, self.index = bench, urls, index
        self.side, self.hellos, self.headers = side, hello, headers
        self.last: dict[int, int] = {}
        self.outbox: dict[str, tuple[int, str]] = {}  # unacked key -> (chat, text)
        self.ws = None
        self.reconnects = 0
        # Set once the server has answered every hello (each chat's first status frame), not
        # when the hellos are sent: the exchange's clock must not start on a server still
        # working through the connection storm.
        self.ready = asyncio.Event()
        self.unanswered = 0
        self.lost_at: float | None = None

    @property
    def url(self) -> str:
        return self.urls[self.index % len(self.urls)]

    async def run(self) -> None:
        while self.bench.sending or self.outbox:
            try:
                async with websockets.connect(
                    self.url,
                    additional_headers=self.headers,
                    origin=self.url.replace("ws://", "http://").split("/ws/")[0],
                    open_timeout=20,
                    max_queue=None,
                ) as ws:
                    self.ws = ws
                    if self.lost_at is not None:
                        self.bench.reopen_times.append(time.perf_counter() - self.lost_at)
                    hellos = self.hellos()
                    self.unanswered = len(hellos)
                    for hello in hellos:
                        # Everything after the last seq this client has of the chat.
                        hello["after"] = self.last.get(hello.get("chat", 0), 0)
                        await ws.send(json.dumps(hello))
                    for key, (chat, text) in list(self.outbox.items()):
                        await ws.send(json.dumps(self._send_message(chat, key, text)))
                    async for raw in ws:
                        self._receive(json.loads(raw))
                    return
            except (
                OSError,
                websockets.ConnectionClosed,
                websockets.InvalidHandshake,
                TimeoutError,
            ):
                self.ws = None
                if not (self.bench.sending or self.outbox):
                    return
                if self.lost_at is None:
                    self.lost_at = time.perf_counter()
                self.reconnects += 1
                self.next_server()
                await asyncio.sleep(0.2)

    def next_server(self) -> None:
        """The server this client tries next, after its own went away."""
        if self.bench.reconnect == "next":
            self.index += 1
        else:
            self.index = next(self.bench.rotation)

    def _send_message(self, chat: int, key: str, text: str) -> dict:
        message = {"type": "send", "key": key, "text": text}
        if self.side == "c":
            message["chat"] = chat
        return message

    def _receive(self, event: dict) -> None:
        kind = event.get("type")
        if kind == "status":
            self.unanswered -= 1
            if self.unanswered <= 0:
                self.ready.set()
                if self.lost_at is not None:
                    self.bench.reconnect_times.append(time.perf_counter() - self.lost_at)
                    self.lost_at = None
        if kind == "message":
            chat = event["chat"] if self.side == "c" else 0
            self.last[chat] = max(self.last.get(chat, 0), event["seq"])
            if event["author"] in ("youth", "counsellor") and not event["key"].startswith(
                self.side
            ):
                self.bench.delivered(event["key"])
        elif kind == "ack":
            if self.outbox.pop(event["key"], None) is not None:
                self.bench.acked(event["key"])
        elif kind == "error" and event.get("code") == "slow_down" and event.get("key"):
            self.bench.slowed[self.bench.phases.index(self.bench.phase)] += 1
            # The socket's limit (10 in 10 s): the outbox keeps it; again in a second.
            asyncio.get_running_loop().call_later(
                1.0, lambda key=event["key"]: asyncio.ensure_future(self._resend(key))
            )

    async def _resend(self, key: str) -> None:
        if key in self.outbox and self.ws is not None:
            chat, text = self.outbox[key]
            try:
                await self.ws.send(json.dumps(self._send_message(chat, key, text)))
            except websockets.ConnectionClosed:
                pass

    async def send(self, chat: int) -> None:
        key = self.bench.new_key(self.side, chat)
        text = f"bench {key}"
        self.outbox[key] = (chat, text)
        self.bench.sent_at[key] = (time.perf_counter(), self.bench.phase)
        if self.ws is not None:
            try:
                await self.ws.send(json.dumps(self._send_message(chat, key, text)))
            except websockets.ConnectionClosed:
                pass  # resent from the outbox after the reconnect

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


async def talker(client: Client, chat: int, interval: float, bench: Run) -> None:
    """One side of one chat: a message every `interval` seconds (jittered), well under the
    socket's limit of 10 in 10 s."""
    await client.ready.wait()
    await asyncio.sleep(random.uniform(0, interval))
    while bench.sending:
        await client.send(chat)
        await asyncio.sleep(interval * random.uniform(0.7, 1.3))
