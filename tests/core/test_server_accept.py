"""frirum.core.server's accepting: a new connection goes to the worker holding fewest."""

import asyncio
import os
import socket

from django.test import SimpleTestCase

from frirum.core.asgi_handler import occupancy
from frirum.core.server import _Acceptor


class _State:
    def __init__(self, connections: int, websockets: int = 0):
        self.connections = {object() for _ in range(connections)}
        self.connections |= {_websocket() for _ in range(websockets)}


def _websocket():
    from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

    # Only its class matters: an instance made without uvicorn's set-up.
    return object.__new__(WebSocketsSansIOProtocol)


class _Protocol(asyncio.Protocol):
    pass


class AcceptorTests(SimpleTestCase):
    def test_it_waits_longer_the_more_connections_and_while_busy(self):
        loop = asyncio.new_event_loop()
        self.addCleanup(loop.close)
        idle = _Acceptor(loop, None, None, _State(0))
        crowded = _Acceptor(loop, None, None, _State(10))
        self.assertEqual(idle.defer(), 0)
        self.assertGreater(crowded.defer(), idle.defer())
        occupancy.requests += 1
        try:
            self.assertGreater(idle.defer(), 0)
        finally:
            occupancy.requests -= 1
        self.assertEqual(_Acceptor(loop, None, None, _State(10_000)).defer(), _Acceptor.MAX_DEFER)

    def test_it_counts_only_http_connections(self):
        loop = asyncio.new_event_loop()
        self.addCleanup(loop.close)
        chat_only = _Acceptor(loop, None, None, _State(0, websockets=500))
        self.assertEqual(chat_only.defer(), 0)
        mixed = _Acceptor(loop, None, None, _State(10, websockets=500))
        self.assertEqual(mixed.defer(), _Acceptor(loop, None, None, _State(10)).defer())

    def test_it_never_waits_when_alone_on_its_socket(self):
        loop = asyncio.new_event_loop()
        self.addCleanup(loop.close)
        alone = _Acceptor(loop, None, None, _State(10_000), alone=True)
        occupancy.requests += 1
        try:
            self.assertEqual(alone.defer(), 0)
        finally:
            occupancy.requests -= 1

    def test_it_leaves_new_connections_to_the_worker_holding_fewest(self):
        listener = socket.create_server(("127.0.0.1", 0))
        listener.setblocking(False)
        self.addCleanup(listener.close)
        # Two "workers" watching the same listening socket through their own descriptors.
        second = socket.socket(fileno=os.dup(listener.fileno()))
        second.setblocking(False)
        self.addCleanup(second.close)
        accepted = {"idle": 0, "crowded": 0}

        def factory(name):
            def make():
                accepted[name] += 1
                return _Protocol()

            return make

        async def scenario():
            loop = asyncio.get_running_loop()
            _Acceptor(loop, listener, factory("crowded"), _State(100)).start()
            _Acceptor(loop, second, factory("idle"), _State(0)).start()
            clients = []
            for _ in range(4):
                clients.append(await asyncio.open_connection(*listener.getsockname()[:2]))
                await asyncio.sleep(0.005)  # the event loop's turn; not a wait for a result
            for _, writer in clients:
                writer.close()
            loop.remove_reader(listener.fileno())
            loop.remove_reader(second.fileno())

        asyncio.run(scenario())
        self.assertEqual(accepted, {"idle": 4, "crowded": 0})

    def test_it_still_accepts_when_every_worker_is_crowded(self):
        listener = socket.create_server(("127.0.0.1", 0))
        listener.setblocking(False)
        self.addCleanup(listener.close)
        accepted = []

        async def scenario():
            loop = asyncio.get_running_loop()
            _Acceptor(
                loop, listener, lambda: accepted.append(1) or _Protocol(), _State(500)
            ).start()
            _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
            for _ in range(50):
                if accepted:
                    break
                await asyncio.sleep(0.01)
            writer.close()
            loop.remove_reader(listener.fileno())

        asyncio.run(scenario())
        self.assertEqual(accepted, [1])

    def test_it_stops_when_the_socket_is_closed(self):
        listener = socket.create_server(("127.0.0.1", 0))
        listener.close()
        loop = asyncio.new_event_loop()
        self.addCleanup(loop.close)
        _Acceptor(loop, listener, None, _State(0)).start()  # no error, nothing watched
