"""The counsellor's start page, rendered once per change at the site.

Every counsellor at a site sees the same dashboard, and a site reads it far more often than
it writes (each counsellor opens it between conversations). The rendered part that shows
the site's data is therefore kept in the shared cache under the site's data version
(frirum/audit/versions.py): the next write at the site, an admin change or an import gives a
new version, so a cached dashboard is never older than the site's last change. The time
limit bounds what no version records (a counsellor's changed display name).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from frirum.audit.versions import site_data_version
from frirum.contacts.selectors import site_dashboard, today
from frirum.sites.models import Site

PREFIX = "frirum:dashboard"


def _key(site: Site, version: tuple) -> str:
    # The day is in the key because "today" and "this week" move at midnight without a write.
    digest = hashlib.sha256(repr(version).encode()).hexdigest()[:16]
    return f"{PREFIX}:{site.pk}:{today().isoformat()}:{get_language()}:{digest}"


def dashboard_body(site: Site) -> SafeString:
    """The figures, today's and this week's conversations and the open courses, as HTML."""
    seconds = settings.FRIRUM_DASHBOARD_CACHE_SECONDS
    # The version is read before anything is computed: a write in between leaves the page
    # under the older version, never an older page under the newer one.
    key = _key(site, site_data_version(site.pk)) if seconds else None
    html = cache.get(key) if key else None
    if html is None:
        html = render_to_string(
            "contacts/includes/dashboard_body.html", {"site": site, "dash": site_dashboard(site)}
        )
        if key:
            cache.set(key, html, seconds)
    # The cache holds only what this module rendered from Frirum's own templates.
    return mark_safe(html)  # noqa: S308
