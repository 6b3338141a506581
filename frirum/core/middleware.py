"""Frirum's own middleware.

- AccessLogMiddleware: one log line per request with the method, the URL pattern (not the
  path), the status and the duration; never a client address, a query string or a path
  segment, so neither a questionnaire code nor anything typed can reach the log.
- HealthCheckMiddleware: /healthz and /readyz before host checks and the HTTPS redirect.
- RefuseNulCharactersMiddleware: a 400 for a NUL character in the path, query or form.
- SecurityHeadersMiddleware: Permissions-Policy, and no-store on pages with records. The
  Content-Security-Policy comes from django-csp (settings.CONTENT_SECURITY_POLICY); HSTS,
  frame and referrer headers from Django's own middleware.
"""

import logging
import os
import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest

logger = logging.getLogger("frirum.access")


def describe_path(request) -> str:
    if request.path in ("/healthz", "/readyz"):
        return request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return "/" + match.route
    if request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return request.path  # file names only, with their content hash
    return "(unmatched)"


class AccessLogMiddleware:
    def __init__(self, get_response):
        if os.environ.get("FRIRUM_ACCESS_LOG", "").lower() not in ("1", "true", "yes", "on"):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        logger.info(
            "%s %s %s %.0fms",
            request.method,
            describe_path(request),
            response.status_code,
            elapsed_ms,
        )
        return response


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before host validation and the HTTPS redirect: load
    balancers and supervisors probe by address over plain HTTP. They carry no data."""

    def __init__(self, get_response):
        from frirum.core import health

        self.get_response = get_response
        self.views = {"/healthz": health.healthz, "/readyz": health.readyz}

    def __call__(self, request):
        view = self.views.get(request.path_info)
        if view is not None:
            return view(request)
        return self.get_response(request)


# Features Frirum never uses; denied so that an injected frame or script cannot ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def _private_prefixes() -> tuple[str, ...]:
    # The young person's questionnaire has no login but is as private as any record.
    return tuple(getattr(settings, "FRIRUM_NO_STORE_PATH_PREFIXES", ("/q/",)))


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere; `Cache-Control: no-store` for signed-in users and the
    questionnaire, so that no shared computer, proxy or back button keeps records or figures.

    Static files never get here: WhiteNoise answers them earlier, with their own caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith(
            _private_prefixes()
        ):
            if "no-store" not in response.get("Cache-Control", ""):
                response["Cache-Control"] = "no-store"
            response.headers.pop("Expires", None)
        return response


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    queries = [request.GET]
    # Form fields of plain and multipart forms (the files of a multipart body are in FILES and
    # stay the upload's own business). Parsing here changes nothing: the CSRF check parses
    # every POST body anyway, with the same upload handlers.
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        queries.append(request.POST)
    for query in queries:
        for key, values in query.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


class RefuseNulCharactersMiddleware:
    """A 400 for a NUL character in the path, the query string or a form field: no user types
    one, and PostgreSQL raises on it in any lookup (a pseudonym, a code, a search)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if _has_nul(request):
            from frirum.core.errors import bad_request

            return bad_request(request)
        return self.get_response(request)
