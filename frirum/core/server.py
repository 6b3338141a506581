"""The production server behind `frirum serve`: gunicorn as the process manager (several
workers, graceful restart on HUP, graceful shutdown on TERM) running uvicorn's ASGI workers.
"""

import multiprocessing
import os
import sys

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from uvicorn.server import Server
from uvicorn_worker import UvicornWorker

# The kernel's queue of connections not yet accepted, shared by all workers.
LISTEN_BACKLOG = 2048


class OneAcceptPerWakeServer(Server):
    """uvicorn, taking one new connection each time its event loop wakes.

    The workers share one listening socket and each accepts what it finds. An event loop
    accepts up to its `backlog` connections per wake-up, so the first worker to wake took
    most of a burst (one worker held 30 of 50 users' connections, and they waited on each
    other while other workers idled: gunicorn #2670, uvicorn-worker #34). With a backlog of
    one it takes one, and the next connection goes to whichever worker wakes first.
    The kernel's queue is set back to full length once the loop has started serving.
    """

    async def startup(self, sockets=None):
        await super().startup(sockets=sockets)
        for sock in sockets or ():
            sock.listen(LISTEN_BACKLOG)


class FrirumWorker(UvicornWorker):
    CONFIG_KWARGS = {
        # asyncio's loop: its accept loop honours the backlog; uvloop's (libuv) takes every
        # waiting connection whatever the backlog.
        "loop": "asyncio",
        "backlog": 1,
        "http": "auto",
        # Frirum writes its own access log (frirum.core.middleware.AccessLogMiddleware):
        # uvicorn's would record client addresses and raw paths.
        "access_log": False,
        "lifespan": "off",
        "server_header": False,
        "proxy_headers": True,
    }

    async def _serve(self) -> None:
        # UvicornWorker._serve, with the server above.
        self.config.app = self.wsgi
        server = OneAcceptPerWakeServer(config=self.config)
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
        from frirum.asgi import application

        return application
