"""Django's ASGI handler, with every HTTP request's synchronous work on one thread per process.

Frirum's views and middleware are synchronous. Django's own handler gives each request a
thread of its own (a `ThreadSensitiveContext` per request) and crosses between that thread
and the event loop several times per request: into the middleware, back out for the async
inner handler, in again for each `process_view` and for the view. Under load that meant as
many threads per worker as open requests, each with its own database connection from the
pool, all contending for the interpreter lock with the event loop that reads and writes the
sockets (benchmarks/RESULTS.md: half the registrations a second at 50 users).

Here the middleware chain and the view run in one call on the process's one thread for
synchronous work, as a synchronous server's worker would run them, while the event loop
keeps reading requests and writing responses (and will serve the chat's WebSockets). A
worker runs one request's Python at a time: `frirum serve` starts several workers, and
frirum.core.server leaves new connections to the least occupied one (`occupancy`).
"""

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler


class Occupancy:
    """The HTTP requests this process is handling, counted on its event loop's thread."""

    def __init__(self) -> None:
        self.requests = 0

    @property
    def busy(self) -> bool:
        return self.requests > 0


occupancy = Occupancy()


class SyncThreadASGIHandler(ASGIHandler):
    def load_middleware(self, is_async=False):
        # The synchronous chain: no adapter between middleware written for either mode.
        super().load_middleware(is_async=False)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        occupancy.requests += 1
        try:
            # No ThreadSensitiveContext: thread-sensitive work goes to the process's one thread.
            await self.handle(scope, receive, send)
        finally:
            occupancy.requests -= 1

    async def get_response_async(self, request):
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)
