"""`frirum serve`: the production server (ASGI, several workers, graceful restart)."""

import os

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management.base import BaseCommand, CommandError

from frirum.core.server import FrirumServer, default_workers


class Command(BaseCommand):
    help = (
        "Serve Frirum in production: gunicorn with uvicorn's ASGI workers. "
        "HUP restarts the workers gracefully, TERM shuts down after running requests."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("FRIRUM_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("FRIRUM_WORKERS") or default_workers()),
            help="worker processes (default: 2 x cores + 1)",
        )
        parser.add_argument("--timeout", type=int, default=120, help="seconds per request")
        parser.add_argument("--graceful-timeout", type=int, default=30)

    def handle(self, *args, bind, workers, timeout, graceful_timeout, **options):
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        if not settings.DEBUG:
            manifest = getattr(staticfiles_storage, "manifest_name", None)
            if manifest and not staticfiles_storage.exists(manifest):
                raise CommandError(
                    f"The static files are not collected into {settings.STATIC_ROOT}: "
                    "run `frirum collectstatic --no-input` first."
                )
        # The access log of Frirum's own (no addresses, no codes) is on for this server.
        os.environ["FRIRUM_ACCESS_LOG"] = "1"
        self.stdout.write(f"Frirum serving on http://{bind}/ with {workers} workers")
        FrirumServer(
            bind=bind, workers=workers, timeout=timeout, graceful_timeout=graceful_timeout
        ).run()
