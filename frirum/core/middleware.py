"""Response headers for every page: Permissions-Policy, and no-store on pages with records.

The Content-Security-Policy comes from django-csp (settings.CONTENT_SECURITY_POLICY); HSTS,
frame and referrer headers from Django's own middleware.
"""

from django.conf import settings

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
