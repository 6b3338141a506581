"""The client's address, for rate limits only (never stored beyond a counter's window)."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind FRIRUM_PROXY_COUNT trusted reverse proxies the address the
    outermost of them saw. Entries further left in X-Forwarded-For come from the client and
    could be forged, so they are never used."""
    proxies = int(getattr(settings, "FRIRUM_PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
