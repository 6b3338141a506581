"""The desk's socket under the sign-in's limits. A socket passes no middleware: without this,
a desk left open would stay signed in (and online for the queue's estimate) past the idle
and absolute limits, and a sign-in still owing its second step could open it.

The session in the store is the record, read afresh (never the copy the socket was opened
with), so signing out in another tab closes the desk at its next ping. What the counsellor
does at the desk (writing, opening a chat) is activity like a page view: it moves the
session's last-seen time, so the next page after a long chat does not sign them out.
"""

import time
from importlib import import_module

from django.conf import settings

from frirum.accounts.middleware import SEEN_RESOLUTION_SECONDS
from frirum.accounts.session import SEEN_AT, TWO_FACTOR, limit_reached

# The reasons a desk closes for: the sign-in's limits (accounts.session.IDLE, MAX_AGE) and these.
SIGNED_OUT = "signed_out"
SECOND_STEP = "second_step"


def _store(session_key: str | None):
    engine = import_module(settings.SESSION_ENGINE)
    return engine.SessionStore(session_key)


def problem(session_key: str | None, user_id, now: float | None = None) -> str | None:
    """Why the desk's sign-in no longer holds (None: it holds)."""
    if not session_key:
        return SIGNED_OUT
    return _check(_store(session_key), user_id, time.time() if now is None else now)


def _check(session, user_id, now: float) -> str | None:
    if str(session.get("_auth_user_id")) != str(user_id):
        return SIGNED_OUT
    if session.get(TWO_FACTOR):
        return SECOND_STEP
    return limit_reached(session, now)


def touch(session_key: str | None, user_id, now: float | None = None) -> str | None:
    """The counsellor acted at the desk: the session was used now (written at most once a
    minute, like the middleware does). A sign-in past its limits is not revived: its problem
    is returned instead."""
    if not session_key:
        return SIGNED_OUT
    now = time.time() if now is None else now
    session = _store(session_key)
    reason = _check(session, user_id, now)
    if reason is not None:
        return reason
    if now - session.get(SEEN_AT, 0) >= SEEN_RESOLUTION_SECONDS:
        session[SEEN_AT] = now
        session.save()
    return None
