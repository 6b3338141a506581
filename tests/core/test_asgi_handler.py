"""frirum.core.asgi_handler: each request's synchronous work in one call, on one thread."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from asgiref.testing import ApplicationCommunicator
from django.core import signals
from django.db import close_old_connections
from django.test import SimpleTestCase

from frirum.core.asgi_handler import SyncThreadASGIHandler, occupancy


def _run(coroutine):
    # In a thread of its own: a browser test earlier in the run may have left an event loop
    # running in this one (async_to_sync refuses to run there).
    with ThreadPoolExecutor(1) as executor:
        return executor.submit(asyncio.run, coroutine).result()


def _scope(path: str) -> dict:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8000),
    }


class SyncThreadASGIHandlerTests(SimpleTestCase):
    def setUp(self):
        # As Django's test client does: a request must not close the test's connections.
        for signal in (signals.request_started, signals.request_finished):
            signal.disconnect(close_old_connections)
            self.addCleanup(signal.connect, close_old_connections)

    def _get(self, handler, path: str) -> tuple[int, dict]:
        async def go():
            communicator = ApplicationCommunicator(handler, _scope(path))
            await communicator.send_input({"type": "http.request", "body": b""})
            start = await communicator.receive_output(5)
            body = b""
            while True:
                message = await communicator.receive_output(5)
                body += message.get("body", b"")
                if not message.get("more_body"):
                    break
            await communicator.wait(5)
            return start["status"], body

        return _run(go())

    def test_it_answers_a_request(self):
        status, body = self._get(SyncThreadASGIHandler(), "/healthz")
        self.assertEqual(status, 200)
        self.assertIn(b"ok", body)

    def test_it_runs_the_middleware_chain_synchronously(self):
        handler = SyncThreadASGIHandler()
        # No async adapter anywhere in the chain: it is the synchronous handler's.
        self.assertFalse(getattr(handler._middleware_chain, "_is_coroutine", False))
        self.assertNotIn("SyncToAsync", type(handler._middleware_chain).__name__)

    def test_it_runs_every_request_on_one_thread(self):
        handler = SyncThreadASGIHandler()
        threads = []
        original = handler.get_response

        def recording(request):
            threads.append(threading.get_ident())
            return original(request)

        handler.get_response = recording
        for _ in range(3):
            self._get(handler, "/healthz")
        self.assertEqual(len(threads), 3)
        self.assertEqual(len(set(threads)), 1)

    def test_it_counts_requests_in_hand_and_ends_at_zero(self):
        handler = SyncThreadASGIHandler()
        seen = []
        original = handler.get_response

        def recording(request):
            seen.append(occupancy.requests)
            return original(request)

        handler.get_response = recording
        self._get(handler, "/healthz")
        self.assertEqual(seen, [1])
        self.assertEqual(occupancy.requests, 0)

    def test_it_refuses_other_connection_types(self):
        async def go():
            await SyncThreadASGIHandler()({"type": "websocket"}, None, None)

        with self.assertRaises(ValueError):
            _run(go())
