"""The chat under load: several `frirum serve` processes (DEBUG=False) against PostgreSQL and
the Redis channel layer on this machine; N young people and M counsellors connected over
WebSockets, the counsellors' chats exchanging messages for a fixed time; then one server
process is killed, its clients reconnect to the others (hello with their last seq, unacked
messages resent under the same key) and the exchange goes on.

Printed for three phases: before the kill; while reconnecting (from the kill until every
client of the killed server has a socket again and every hello answered); and after
reconnecting (as long again as before the kill). For each: delivery latency p50/p99 (stored
by the sender's server until shown at the other side's socket, both clocks this process's)
beside the round trip of a bare Redis publish/subscribe measured in the same run; messages
sent (acknowledged, so stored) against received at the other side, lost and duplicated. The
target (p99 within 5 x Redis p99 + 50 ms) is for the phases before the kill and after
reconnecting: a message to a client that has no socket waits for it to come back, so the
reconnecting phase says how long that took and that nothing was lost.

    python -m benchmarks.chat [--youth 500] [--counsellors 100] [--seconds 30] [--servers 3]
                              [--interval 4] [--reconnect balanced|next]
                              [--database-url postgresql://.../DB]

The chats and the counsellors' sessions are made in this process with Frirum's own actions
(the benchmark measures the messages, not the pre-chat page or the sign-in). A counsellor
takes up to the site's capacity (2, plus one in surge mode): young people beyond that wait in
the queue, connected, and receive the queue's updates.
"""

import argparse
import asyncio
import os
import random
import signal
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import psycopg
import redis

from benchmarks.chat_clients import Client, Run, percentile, talker
from tests.production.stack import DEFAULT_PG, Stack

REDIS_URL = "redis://127.0.0.1:6379/0"
RECONNECT = {
    "balanced": "to the survivors in turn (a load balancer's round robin)",
    "next": "all to the server after it",
}


async def redis_round_trips(url: str, seconds: float) -> list[float]:
    """Bare publish/subscribe on the same Redis: one message at a time, its round trip."""
    import redis.asyncio as aioredis

    connection = aioredis.from_url(url)
    pubsub = connection.pubsub()
    await pubsub.subscribe("frirum-bench-rtt")
    await pubsub.get_message(timeout=1)
    trips, deadline = [], time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        await connection.publish("frirum-bench-rtt", str(started))
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5)
            if message is not None:
                break
        trips.append(time.perf_counter() - started)
        await asyncio.sleep(0.05)
    await pubsub.unsubscribe()
    await connection.aclose()
    return trips


def setup_chats(env: dict, youth: int, counsellors: int):
    """Django in this process, on the servers' database: the site, counsellors with sessions,
    the young people's chats (tokens), each counsellor taking up to the capacity."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "frirum.settings"
    import datetime as dt
    from importlib import import_module

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from frirum.accounts.models import Membership, Role, User
    from frirum.chat import actions
    from frirum.chat.models import ChatSettings
    from frirum.sites.models import OpeningHours, Site, SiteKind

    # Ids of this run's own: the channel layer's groups are named after the site and the
    # chats, and an earlier run's (a killed server's sockets never leave them) would still
    # be in Redis under the same names, each broadcast filling their dead channels too.
    start = random.randint(10**6, 10**9)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"ALTER SEQUENCE chat_chat_id_seq RESTART WITH {start}")
    site = Site.objects.create(pk=start, code="bench-chat", name="Bench chat", kind=SiteKind.CHAT)
    OpeningHours.objects.bulk_create(
        OpeningHours(site=site, weekday=d, opens=dt.time(0), closes=dt.time(23, 59))
        for d in range(7)
    )
    ChatSettings.objects.create(site=site, capacity=2, surge=True)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    desks = []
    for number in range(counsellors):
        user = User.objects.create_user(
            email=f"bench{number}@chat.example", full_name=f"Bench {number}", password=None
        )
        Membership.objects.create(user=user, site=site, role=Role.VOLUNTEER_COUNSELLOR)
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        desks.append((user, f"{settings.SESSION_COOKIE_NAME}={session.session_key}"))
    tokens = {}
    for _ in range(youth):
        chat, token = actions.start_chat(site=site)
        tokens[chat.pk] = token
    taken: dict[int, list[int]] = {user.pk: [] for user, _cookie in desks}
    for _round in range(3):
        for user, _cookie in desks:
            try:
                chat = actions.take_next(site=site, user=user)
            except actions.OverCapacity:
                continue
            if chat is not None:
                taken[user.pk].append(chat.pk)
    return site, desks, tokens, taken


def stored_messages(site) -> int:
    from frirum.chat.models import AuthorKind, ChatMessage

    return (
        ChatMessage.objects.filter(
            chat__site=site, author_kind__in=(AuthorKind.YOUTH, AuthorKind.COUNSELLOR)
        )
        .exclude(client_key="surge:greeting")
        .count()
    )


def kill_server(server) -> None:
    """SIGKILL the master and its workers: a crash, not a graceful stop."""
    pid = server.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children")
    workers = [int(p) for p in children.read_text().split()] if children.exists() else []
    for target in [pid, *workers]:
        try:
            os.kill(target, signal.SIGKILL)
        except ProcessLookupError:
            pass
    server.process.wait()
    server.log.close()


async def exchange(args, servers, desks, tokens, taken) -> tuple[Run, list[float], dict]:
    bench = Run(reconnect=args.reconnect)
    youth_urls = [f"ws://127.0.0.1:{s.port}/ws/chat/" for s in servers]
    desk_urls = [f"ws://127.0.0.1:{s.port}/ws/chat/desk/bench-chat/" for s in servers]
    clients, youth_of = [], {}
    for index, (chat, token) in enumerate(tokens.items()):
        hello = {"type": "hello", "token": token}
        client = Client(
            bench, youth_urls, index, side="y", hello=lambda h=hello: [dict(h)], headers={}
        )
        youth_of[chat] = client
        clients.append(client)
    desk_clients = []
    for index, (user, cookie) in enumerate(desks):
        chats = taken[user.pk]
        client = Client(
            bench,
            desk_urls,
            index + 1,  # a desk on another server than its first young person, mostly
            side="c",
            hello=lambda c=chats: [{"type": "hello", "chat": chat} for chat in c],
            headers={"Cookie": cookie},
        )
        desk_clients.append((client, chats))
        clients.append(client)
    runners = [asyncio.create_task(client.run()) for client in clients]
    # The clock starts once every socket's hello is answered: the connection storm is not
    # the messages' latency.
    connect_started = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(c.ready.wait() for c in clients)), timeout=120)
    await asyncio.sleep(1)
    connected_in = time.perf_counter() - connect_started
    talkers = []
    for client, chats in desk_clients:
        for chat in chats:
            talkers.append(asyncio.create_task(talker(client, chat, args.interval, bench)))
            talkers.append(asyncio.create_task(talker(youth_of[chat], chat, args.interval, bench)))
    half = args.seconds / 2  # before the kill, and again after the reconnection
    rtt_task = asyncio.create_task(redis_round_trips(args.redis_url, half * 0.8))
    await asyncio.sleep(half)
    bench.phase = bench.phases[1]
    killed = servers[-1]
    victims = [c for c in clients if c.url.startswith(f"ws://127.0.0.1:{killed.port}/")]
    kill_server(killed)
    kill_time = time.perf_counter()
    # Reconnecting: until every client of the killed server has a socket again and every
    # hello answered (at most as long as the run's second half).
    deadline = kill_time + max(half, 30)
    while time.perf_counter() < deadline and not all(
        c.reconnects and c.lost_at is None for c in victims
    ):
        await asyncio.sleep(0.05)
    reconnected_in = time.perf_counter() - kill_time
    bench.phase = bench.phases[2]
    await asyncio.sleep(half)
    bench.sending = False
    for task in talkers:
        task.cancel()
    # Drain: every acked message reaches the other side, every outbox empties.
    deadline = time.perf_counter() + args.drain
    while time.perf_counter() < deadline:
        pending = sum(len(c.outbox) for c in clients)
        undelivered = sum(len(p.sent - set(p.received)) for p in bench.phases)
        if not pending and not undelivered:
            break
        await asyncio.sleep(0.2)
    for client in clients:
        await client.close()
    await asyncio.gather(*runners, return_exceptions=True)
    touched = {
        chat
        for client, chats in desk_clients
        for chat in chats
        if client.reconnects or youth_of[chat].reconnects
    }
    extra = {
        "touched_chats": touched,
        "untouched_by_second": bench.by_second(bench.phases[1], kill_time, touched),
        "victims": len(victims),
        "reconnected_in_s": round(reconnected_in, 1),
        "slowed": list(bench.slowed),
        "reconnected": sum(1 for c in clients if c.reconnects),
        "reopen_s": [round(percentile(bench.reopen_times, share), 2) for share in (0.5, 0.99, 1.0)],
        "reconnect_s": [
            round(percentile(bench.reconnect_times, share), 2) for share in (0.5, 0.99, 1.0)
        ],
        "unsent": sum(len(c.outbox) for c in clients),
        "connected_in_s": round(connected_in, 1),
        "kill_after_s": round(half, 1),
        "since_kill_s": round(time.perf_counter() - kill_time, 1),
    }
    return bench, await rtt_task, extra


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.chat", description=__doc__)
    parser.add_argument("--youth", type=int, default=500)
    parser.add_argument("--counsellors", type=int, default=100)
    parser.add_argument(
        "--seconds",
        type=float,
        default=30,
        help="the exchange: the kill at half, then the reconnection, then the other half",
    )
    parser.add_argument("--servers", type=int, default=3, help="frirum serve processes (>= 2)")
    parser.add_argument("--workers", type=int, default=1, help="workers per process")
    parser.add_argument(
        "--interval",
        type=float,
        default=4.0,
        help="seconds between one side's messages in one chat (well under 10 in 10 s)",
    )
    parser.add_argument(
        "--reconnect",
        choices=("balanced", "next"),
        default="balanced",
        help="where the killed server's clients go: the servers in turn, as a load balancer "
        "sends them (balanced), or all to the server after it (next)",
    )
    parser.add_argument("--drain", type=float, default=15, help="at most, after the exchange")
    parser.add_argument("--database-url", default=os.environ.get("FRIRUM_BENCH_DB_URL"))
    parser.add_argument("--redis-url", default=REDIS_URL)
    args = parser.parse_args(argv)
    if args.servers < 2:
        parser.error("--servers must be at least 2: one is killed")
    redis.Redis.from_url(args.redis_url).ping()
    database_url = args.database_url or fresh_database(DEFAULT_PG, "h_chat2")
    load = os.getloadavg()
    with ExitStack() as cleanup:
        stack = Stack(
            database_url, demo_scale=None, enrol_second_factor=False, REDIS_URL=args.redis_url
        )
        cleanup.callback(stack.close)
        servers = [stack.start_server(workers=args.workers) for _ in range(args.servers)]
        site, desks, tokens, taken = setup_chats(stack.env, args.youth, args.counsellors)
        active = sum(len(chats) for chats in taken.values())
        bench, trips, extra = asyncio.run(exchange(args, servers, desks, tokens, taken))
        touched = extra.pop("touched_chats")
        in_database = stored_messages(site)
    results = {
        "youth": args.youth,
        "counsellors": args.counsellors,
        "active_chats": active,
        "waiting": args.youth - active,
        "servers": args.servers,
        "reconnect": args.reconnect,
        "workers_per_server": args.workers,
        "seconds": args.seconds,
        "redis_rtt_p50_ms": percentile(trips, 0.5) * 1000,
        "redis_rtt_p99_ms": percentile(trips, 0.99) * 1000,
        "phases": {phase.name: phase.figures(touched) for phase in bench.phases},
        "touched_chats": len(touched),
        "stored_in_database": in_database,
        "load_before": [round(x, 2) for x in load],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        **extra,
    }
    report(results)
    return results


def fresh_database(server_url: str, name: str) -> str:
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + "/" + name


def report(r: dict) -> None:
    print(
        f"chat: {r['youth']} young people, {r['counsellors']} counsellors "
        f"({r['active_chats']} chats in progress, {r['waiting']} waiting), "
        f"{r['servers']} servers x {r['workers_per_server']} worker, {r['seconds']:.0f} s; "
        f"the killed server's clients reconnect {RECONNECT[r['reconnect']]}"
    )
    print(
        f"bare Redis publish/subscribe round trip: p50 {r['redis_rtt_p50_ms']:.2f} ms, "
        f"p99 {r['redis_rtt_p99_ms']:.2f} ms"
    )
    target = 5 * r["redis_rtt_p99_ms"] + 50
    for name, f in r["phases"].items():
        # While reconnecting, a message to a client without a socket waits for its return:
        # that phase has no target of its own, and its figures say how long the wait was.
        verdict = "within" if f["p99_ms"] <= target else "over"
        against = f" ({verdict} 5 x Redis p99 + 50 ms = {target:.1f} ms)"
        print(
            f"{name}: delivery p50 {f['p50_ms']:.1f} ms, p99 {f['p99_ms']:.1f} ms"
            f"{'' if name == 'while reconnecting' else against}; "
            f"sent {f['sent']}, received {f['received']}, lost {f['lost']}, "
            f"duplicated {f['duplicated']}"
        )
    print(
        f"  the kill: {r['victims']} clients lost their server; every one was connected "
        f"again with every hello answered {r['reconnected_in_s']} s after it"
    )
    for phase in ("while reconnecting", "after reconnecting"):
        for name, what in (
            ("untouched", "chats with both sides on surviving servers"),
            ("touched", "chats with a side that reconnected"),
        ):
            part = r["phases"][phase][name]
            print(
                f"  {phase}, {what}: {part['count']} messages, "
                f"p50 {part['p50_ms']:.1f} ms, p99 {part['p99_ms']:.1f} ms"
            )
    print(f"  chats with a side that reconnected: {r['touched_chats']}")
    print(
        "  while reconnecting, chats with both sides on surviving servers, by the second "
        "after the kill they were sent in (p50/p99 ms): "
        + ", ".join(
            f"{s['second']}: {s['p50_ms']:.0f}/{s['p99_ms']:.0f}" for s in r["untouched_by_second"]
        )
    )
    print(
        "sends refused by the socket's limit (10 in 10 s) and sent again a second later: "
        f"{r['slowed'][0]} before the kill, {r['slowed'][1]} while reconnecting, "
        f"{r['slowed'][2]} after"
    )
    sent = sum(f["sent"] for f in r["phases"].values())
    print(
        f"stored in the database: {r['stored_in_database']} (acknowledged: {sent}); "
        f"clients that reconnected after the kill: {r['reconnected']} (from the lost "
        f"connection, p50/p99/max: open again {'/'.join(map(str, r['reopen_s']))} s, every "
        f"hello answered {'/'.join(map(str, r['reconnect_s']))} s); "
        f"still unsent at the end: {r['unsent']}; all sockets connected in "
        f"{r['connected_in_s']} s"
    )
    print(f"load average before {r['load_before']}, after {r['load_after']}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
