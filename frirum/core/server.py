"""The production server behind `frirum serve`: gunicorn as the process manager (several
workers, graceful restart on HUP, graceful shutdown on TERM) running uvicorn's ASGI workers.
"""

import multiprocessing
import os

from gunicorn.app.base import BaseApplication
from uvicorn_worker import UvicornWorker


class FrirumWorker(UvicornWorker):
    CONFIG_KWARGS = {
        "loop": "auto",
        "http": "auto",
        # Frirum writes its own access log (frirum.core.middleware.AccessLogMiddleware):
        # uvicorn's would record client addresses and raw paths.
        "access_log": False,
        "lifespan": "off",
        "server_header": False,
        "proxy_headers": True,
    }


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
