"""The production server behind `frirum serve`: gunicorn as the process manager (several
workers, graceful restart on HUP, graceful shutdown on TERM) running uvicorn's ASGI workers.
"""

import asyncio
import errno
import gc
import logging
import multiprocessing
import os
import socket
import sys

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from uvicorn.server import Server
from uvicorn_worker import UvicornWorker

from frirum.core.asgi_handler import occupancy

logger = logging.getLogger("frirum.server")

# The kernel's queue of connections not yet accepted, shared by all workers.
LISTEN_BACKLOG = 2048


class _Acceptor:
    """Accepts new connections on one listening socket, the least loaded worker first.

    The workers share one listening socket, and a connection stays with the worker that
    accepted it (keep-alive). A worker runs one request's Python at a time
    (frirum.core.asgi_handler), while its event loop accepts as readily when crowded as when
    idle: 50 users' connections ended up 22/15/8/5/0 over five workers, and the users on the
    crowded ones waited four times longer. So each worker waits before accepting, longer the
    more connections it already holds (and longer still while it runs a request), and the
    one holding fewest takes the connection. One connection per wake-up.

    Only HTTP connections count. A WebSocket (the chat) is held for as long as a page is
    open, mostly idle: counted, 200 of them made a worker wait the longest before every
    accept, 20 connections a second, and sockets that lost their server queued for 10 s to
    reach this one. A worker alone on its socket (`--workers 1`) never waits: there is no
    one to leave the connection to.
    """

    DEFER_PER_CONNECTION = 0.002
    DEFER_WHEN_BUSY = 0.004
    MAX_DEFER = 0.05
    RETRY_AFTER_ERROR = 1.0

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        sock: socket.socket,
        factory,
        state,
        *,
        alone: bool = False,
    ):
        self.loop = loop
        self.alone = alone
        self.sock = sock
        self.factory = factory
        self.state = state  # uvicorn's ServerState: the worker's open connections
        self.paused = False
        self.due = False

    def start(self) -> None:
        if self.sock.fileno() != -1:  # not closed by a shutdown meanwhile
            self.loop.add_reader(self.sock.fileno(), self._readable)

    def _pause(self, seconds: float) -> None:
        self.loop.remove_reader(self.sock.fileno())
        self.paused = True
        self.loop.call_later(seconds, self._resume)

    def _resume(self) -> None:
        self.paused = False
        self.due = True
        self.start()

    def defer(self) -> float:
        if self.alone:
            return 0.0
        held = sum(1 for c in self.state.connections if not _is_websocket(c))
        seconds = held * self.DEFER_PER_CONNECTION
        if occupancy.busy:
            seconds += self.DEFER_WHEN_BUSY
        return min(seconds, self.MAX_DEFER)

    def _readable(self) -> None:
        if not self.due:
            seconds = self.defer()
            if seconds:
                self._pause(seconds)
                return
        self.due = False
        try:
            conn, _ = self.sock.accept()
        except (BlockingIOError, InterruptedError, ConnectionAbortedError):
            return  # another worker took it
        except OSError as error:
            if error.errno not in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                raise
            logger.error("Cannot accept a connection: %s", error.strerror)
            self._pause(self.RETRY_AFTER_ERROR)
            return
        conn.setblocking(False)
        self.loop.create_task(self._serve(conn))

    async def _serve(self, conn: socket.socket) -> None:
        try:
            await self.loop.connect_accepted_socket(self.factory, conn)
        except Exception:
            conn.close()
            logger.exception("Cannot serve an accepted connection")


def _is_websocket(connection) -> bool:
    # uvicorn's WebSocket protocols (websockets, websockets-sansio, wsproto) all live there;
    # an upgraded connection leaves the set as HTTP and comes back as one of them.
    return type(connection).__module__.startswith("uvicorn.protocols.websockets.")


class IdleFirstServer(Server):
    """uvicorn, with the accepting done by `_Acceptor` instead of asyncio's server."""

    alone = False  # the only worker on its sockets

    async def startup(self, sockets=None):
        if sockets is None:  # pragma: no cover - gunicorn always passes its sockets
            await super().startup(sockets=sockets)
            return
        loop = asyncio.get_running_loop()
        factories = []
        create_server = loop.create_server

        async def create_paused_server(protocol_factory, *args, **kwargs):
            # uvicorn's server object and protocol, without asyncio's accept loop; the
            # server still closes the socket on shutdown.
            factories.append(protocol_factory)
            return await create_server(protocol_factory, *args, start_serving=False, **kwargs)

        loop.create_server = create_paused_server
        try:
            await super().startup(sockets=sockets)
        finally:
            del loop.create_server
        for sock, factory in zip(sockets, factories, strict=True):
            _Acceptor(loop, sock, factory, self.server_state, alone=self.alone).start()


class FrirumWorker(UvicornWorker):
    CONFIG_KWARGS = {
        # asyncio's loop: `_Acceptor` runs on it (uvloop would accept a whole burst itself).
        "loop": "asyncio",
        "backlog": LISTEN_BACKLOG,
        "http": "auto",
        # Frirum writes its own access log (frirum.core.middleware.AccessLogMiddleware):
        # uvicorn's would record client addresses and raw paths.
        "access_log": False,
        "lifespan": "off",
        "server_header": False,
        "proxy_headers": True,
        # A chat frame is a couple of hundred bytes: compressing it saves next to nothing
        # and costs CPU on both ends and a compressor's memory per socket.
        "ws_per_message_deflate": False,
    }

    async def _serve(self) -> None:
        # UvicornWorker._serve, with the server above.
        self.config.app = self.wsgi
        server = IdleFirstServer(config=self.config)
        server.alone = self.cfg.workers == 1
        self._install_sigquit_handler()
        await server.serve(sockets=self.sockets)
        if not server.started:
            sys.exit(Arbiter.WORKER_BOOT_ERROR)


def default_workers() -> int:
    return max(2, multiprocessing.cpu_count() * 2 + 1)


class FrirumServer(BaseApplication):
    def __init__(self, *, bind: str, workers: int, timeout: int, graceful_timeout: int):
        self.options = {
            "bind": bind,
            "workers": workers,
            "worker_class": "frirum.core.server.FrirumWorker",
            "timeout": timeout,
            "graceful_timeout": graceful_timeout,
            "keepalive": 5,
            "backlog": LISTEN_BACKLOG,
            # Only the proxy on this host may set X-Forwarded-*; override for a load balancer.
            "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
            "accesslog": None,
            "errorlog": "-",
            "loglevel": os.environ.get("LOG_LEVEL", "info").lower(),
            "proc_name": "frirum",
            # Load the app in the master once, so a broken configuration stops the start and
            # workers fork with it already imported.
            "preload_app": True,
        }
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from django.urls import get_resolver

        from frirum.asgi import application

        get_resolver().url_patterns  # noqa: B018 - every view module imported before the fork
        # What is loaded now lives as long as the workers: out of the collector's sight, a
        # full collection in a worker walks only what its requests made. It walked every
        # module, model and URL pattern, a pause in the tail of the slower pages.
        gc.collect()
        gc.freeze()
        return application
