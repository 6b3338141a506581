"""The chat under `frirum serve` as in production: two worker processes, the Redis channel
layer, DEBUG=False. Sockets of one chat spread over the workers all receive every message,
after sitting idle longer than the layer's 5-second blocking read (redis-py 8's default
socket timeout once closed such sockets). Chat frames go uncompressed, and nothing of a chat
stays in Redis."""

import asyncio
import json
import os
import secrets

import pytest
import redis
import websockets

from tests.production.stack import run, stack_on_test_database_kind

pytestmark = pytest.mark.production

SOCKETS = 8


async def _exchange(port: int, token: str) -> tuple[list[list[int]], set]:
    url = f"ws://127.0.0.1:{port}/ws/chat/"
    sockets = [
        await websockets.connect(url, origin=f"http://127.0.0.1:{port}") for _ in range(SOCKETS)
    ]

    async def drain(ws) -> list[dict]:
        received = []
        try:
            while True:
                received.append(json.loads(await asyncio.wait_for(ws.recv(), 2)))
        except TimeoutError:
            return received

    # The client offers per-message compression, as browsers do; the server declines it.
    extensions = {ws.response.headers.get("Sec-WebSocket-Extensions") for ws in sockets}
    try:
        for ws in sockets:
            await ws.send(json.dumps({"type": "hello", "token": token, "after": 0}))
        await asyncio.gather(*(drain(ws) for ws in sockets))
        await asyncio.sleep(7)  # idle past the layer's blocking read
        await sockets[0].send(json.dumps({"type": "send", "key": "a", "text": "hej"}))
        await sockets[-1].send(json.dumps({"type": "send", "key": "b", "text": "hej igen"}))
        results = await asyncio.gather(*(drain(ws) for ws in sockets))
    finally:
        for ws in sockets:
            await ws.close()
    return [sorted(e["seq"] for e in got if e["type"] == "message") for got in results], extensions


def test_it_delivers_every_message_to_every_socket_across_workers():
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {url}")
    prefix = f"frirum-chat-test-{secrets.token_hex(4)}"
    env = {"REDIS_URL": url, "FRIRUM_CACHE": "redis", "FRIRUM_CACHE_PREFIX": prefix}
    try:
        with stack_on_test_database_kind("chat", demo_scale=None, **env) as stack:
            made = run(
                stack.env,
                "shell",
                "-c",
                "from frirum.sites.models import Site\n"
                "from frirum.chat.actions import start_chat\n"
                "site = Site.objects.create(code='c', name='chat', kind='chat')\n"
                "print('TOKEN', start_chat(site=site)[1])",
            )
            token = made.stdout.split("TOKEN ")[1].strip()
            server = stack.start_server(workers=2)
            received, extensions = asyncio.run(_exchange(server.port, token))
            assert received == [[1, 2]] * SOCKETS
            assert extensions == {None}
            assert "Traceback" not in server.log_text()
            # Notifications are published, not queued: nothing of a chat is kept in Redis.
            assert list(redis.Redis.from_url(url).scan_iter(f"{prefix}:chat*")) == []
    finally:
        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)
