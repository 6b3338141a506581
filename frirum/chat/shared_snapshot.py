"""One reading of a site's queue shared by the waiting young people whose sockets say hello
at about the same time (a server died and its sockets came back to this one).

A waiting young person's hello needs the queue as it stands (selectors.queue_snapshot, five
queries) to show the place at once. Its socket joins the site's queue group first: every
change committed after the join is broadcast to it. So any reading that *started* after the
join is as good as one of its own: what it misses was committed later, and that comes in the
broadcast. A hundred hellos queued on a server's hello thread share the readings that
started after they joined, instead of making five hundred queries one after the other.

A reading is shared only with a socket whose own chat is in it: a chat whose page was gone
past the queue's grace period is back in the queue once its hello has marked it present,
after a reading that left it out.
"""

import threading
import time

from frirum.chat import selectors
from frirum.chat.selectors import QueueSnapshot


class SharedSnapshots:
    """Per site, the latest queue reading and the (monotonic) time it started."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: dict[int, tuple[float, QueueSnapshot]] = {}

    def for_hello(self, chat, *, joined_at: float) -> QueueSnapshot:
        """The queue for `chat`'s waiting young person, whose socket joined the site's queue
        group at `joined_at` (time.monotonic(), taken once the join had returned)."""
        with self._lock:
            latest = self._latest.get(chat.site_id)
        if latest is not None:
            started, snapshot = latest
            if started >= joined_at and chat.pk in snapshot.order:
                return snapshot
        started = time.monotonic()
        snapshot = selectors.queue_snapshot(chat.site)
        with self._lock:
            latest = self._latest.get(chat.site_id)
            if latest is None or latest[0] < started:
                self._latest[chat.site_id] = (started, snapshot)
        return snapshot


# One per server process: its hellos (on the hello thread, or on SQLite the database thread).
hello_snapshots = SharedSnapshots()
