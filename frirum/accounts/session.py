"""What the session remembers about a sign-in: when it started, when it was last used, and
whether a second step (code or enrolment) is still owed. Set at every login, read by the
middleware, so a page view costs no query for it."""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

SIGNED_IN_AT = "frirum_signed_in_at"
SEEN_AT = "frirum_seen_at"
TWO_FACTOR = "frirum_2fa"
VERIFY = "verify"  # has an authenticator: must give a code
ENROL = "enrol"  # two-factor required and none set up: must enrol


IDLE = "idle"
MAX_AGE = "max_age"


def limit_reached(session, now: float) -> str | None:
    """IDLE after FRIRUM_SESSION_IDLE_MINUTES unused, MAX_AGE after FRIRUM_SESSION_MAX_HOURS
    whatever the activity, else None. The pages' middleware and the chat desk's socket both
    hold a sign-in to these limits."""
    if now - session.get(SEEN_AT, now) > settings.FRIRUM_SESSION_IDLE_MINUTES * 60:
        return IDLE
    if now - session.get(SIGNED_IN_AT, now) > settings.FRIRUM_SESSION_MAX_HOURS * 3600:
        return MAX_AGE
    return None


def pending_step(request) -> str | None:
    return request.session.get(TWO_FACTOR)


def step_done(request) -> None:
    request.session.pop(TWO_FACTOR, None)
    # A new session key once both factors are in (as django.contrib.auth does after a login).
    request.session.cycle_key()


@receiver(user_logged_in, dispatch_uid="frirum_sign_in_state")
def _on_login(sender, request, user, **kwargs):
    from frirum.accounts.actions import has_two_factor

    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    if has_two_factor(user):
        request.session[TWO_FACTOR] = VERIFY
    elif settings.FRIRUM_REQUIRE_2FA:
        request.session[TWO_FACTOR] = ENROL
    else:
        request.session.pop(TWO_FACTOR, None)


@receiver(user_logged_out, dispatch_uid="frirum_sign_out_audit")
def _on_logout(sender, request, user, **kwargs):
    from frirum.accounts.actions import record_sign_out

    if user is not None and getattr(user, "pk", None):
        reason = getattr(request, "frirum_sign_out_reason", "user") if request else "user"
        record_sign_out(user=user, reason=reason)
