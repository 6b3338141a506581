"""Session limits and the second sign-in step, for every request."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

from frirum.accounts.session import (
    ENROL,
    IDLE,
    SEEN_AT,
    SIGNED_IN_AT,
    VERIFY,
    limit_reached,
    pending_step,
)

# Writing the last-seen time at most this often keeps most page views free of a session write.
SEEN_RESOLUTION_SECONDS = 60


def _signed_in(request) -> bool:
    # The session, not request.user: no user query for pages that do not need one.
    return "_auth_user_id" in request.session


def _redirect(request, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # An htmx request would swap the login page into a fragment: make htmx navigate.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    if request.method == "GET":
        return redirect_to_login(request.get_full_path(), url)
    return HttpResponseRedirect(url)


class SessionTimeoutMiddleware:
    """Signs out after FRIRUM_SESSION_IDLE_MINUTES without a request, and after
    FRIRUM_SESSION_MAX_HOURS whatever the activity (the cookie's age is the same limit)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _signed_in(request):
            now = time.time()
            session = request.session
            session.setdefault(SIGNED_IN_AT, now)
            seen_at = session.get(SEEN_AT, now)
            reason = limit_reached(session, now)
            if reason is not None:
                request.frirum_sign_out_reason = reason
                logout(request)
                if reason == IDLE:
                    messages.info(
                        request, _("You were signed out after a period without activity.")
                    )
                else:
                    messages.info(request, _("Your session has ended. Please sign in again."))
                return _redirect(request, resolve_url(settings.LOGIN_URL))
            if SEEN_AT not in session or now - seen_at >= SEEN_RESOLUTION_SECONDS:
                session[SEEN_AT] = now
        return self.get_response(request)


# Pages a signed-in user may see before the second step: the step itself, signing out and
# switching the language.
OPEN_URL_NAMES = frozenset(
    {
        "accounts:login",
        "accounts:login_code",
        "accounts:logout",
        "accounts:two_factor_enrol",
        "set_language",
    }
)


class TwoFactorMiddleware:
    """Until the code is given (users with an authenticator) or an authenticator is set up
    (when FRIRUM_REQUIRE_2FA), a signed-in user reaches nothing but that step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _signed_in(request):
            return None
        step = pending_step(request)
        if step is None:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_URL_NAMES:
            return None
        if step == VERIFY:
            return _redirect(request, resolve_url("accounts:login_code"))
        if step == ENROL:
            return _redirect(request, resolve_url("accounts:two_factor_enrol"))
        return None
