"""The expected wait in the chat queue: a pure function of the desk's state, so it can be
tested without a database and explained to a chief in one sentence.

Counsellors online times their capacity gives the slots. Slots free now take the first in
the queue at once; after that a slot frees every (typical chat length / slots) minutes on
average, so the n-th in line past the free slots waits about n of those intervals.
"""

import math
from statistics import median

# Until the site has ended chats of its own, assume a chat takes this long.
DEFAULT_CHAT_MINUTES = 20.0


def typical_chat_minutes(recent_minutes: list[float]) -> float:
    """The median of recent chat lengths: one very long chat does not move it much."""
    lengths = [m for m in recent_minutes if m > 0]
    return float(median(lengths)) if lengths else DEFAULT_CHAT_MINUTES


def expected_wait_minutes(
    *, position: int, counsellors: int, capacity: int, busy: int, recent_minutes: list[float]
) -> int | None:
    """Minutes until the chat at `position` (1 = next) is likely taken; None when no one is
    online to take it (the page then says so instead of promising a time)."""
    slots = counsellors * capacity
    if position < 1 or slots <= 0:
        return None
    free = max(0, slots - busy)
    ahead_of_free = position - free
    if ahead_of_free <= 0:
        return 0
    return math.ceil(ahead_of_free * typical_chat_minutes(recent_minutes) / slots)
