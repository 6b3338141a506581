"""Rendered parts of a site's pages, kept in the shared cache under the site's data version.

A site's workspace is read far more often than it is written: each counsellor opens the
dashboard, the lists and a young person's course between conversations, and every one of
them sees the same rows. The part of a page that shows the site's data is therefore rendered
once per change at the site and kept under its data version (frirum/audit/versions.py): the
next write at the site, an admin change or an import gives a new version, so a kept part is
never older than the site's last change. What a part may hold is what every user with
access to the site sees alike, or alike for everyone with the same `parts` (a role, a query
string); whatever depends on the user alone (their own facts, their CSRF token) stays
outside it or is put in when the part is served (with_csrf_token).

A missing part is rendered by one worker at a time: the others that miss it meanwhile wait
for it to be kept (at most RENDER_WAIT_SECONDS), as 50 users opening the same course after a
change would otherwise render it once each.

The time limit (FRIRUM_SITE_CACHE_SECONDS) bounds what no version of this site records: a
counsellor's changed display name, and a young person's nickname changed at another site
where they also have a course.
"""

import hashlib
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.forms.boundfield import BoundField
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from frirum.audit.versions import site_data_version

PREFIX = "frirum:site"

# What a kept part's forms hold in place of the CSRF token, replaced when it is served: the
# token is the user's own (and masked anew for every response), never kept.
CSRF_SLOT = "frirum-csrf-slot-0000"

T = TypeVar("T")


def _key(site_id: int, name: str, version: tuple, parts: tuple) -> str:
    # The day is in the key because "today", "this week" and ages move at midnight without
    # a write; the language because the part holds translated words.
    digest = hashlib.sha256(repr((version, parts)).encode()).hexdigest()[:20]
    day = timezone.localdate().isoformat()
    return f"{PREFIX}:{name}:{site_id}:{day}:{get_language()}:{digest}"


def site_fragment(
    *, site_id: int, name: str, render: Callable[[], str], parts: tuple[Hashable, ...] = ()
) -> SafeString:
    """`render()`'s HTML, from the cache while nothing changed at the site.

    `name` tells the page part apart, `parts` whatever else it depends on (a page number, a
    filter, a young person). `render` reads the data itself, so a hit costs one query (the
    version) and one cache read, whatever the site's history."""
    # The cache holds only what Frirum's own templates rendered.
    return mark_safe(site_value(site_id=site_id, name=name, compute=render, parts=parts))  # noqa: S308


def site_value(
    *, site_id: int, name: str, compute: Callable[[], T], parts: tuple[Hashable, ...] = ()
) -> T:
    """`compute()`'s result (figures a page shows, picklable), kept as site_fragment keeps
    HTML: for what a page reads of the site's data but renders with the user's own parts."""
    if not settings.FRIRUM_SITE_CACHE_SECONDS:
        return compute()
    # The version is read before anything is computed: a write in between leaves the value
    # under the older version, never an older value under the newer one.
    return _cached(_key(site_id, name, site_data_version(site_id), parts), compute)


def kept_fragment(*, name: str, key: tuple, render: Callable[[], str]) -> SafeString:
    """`render()`'s HTML, kept under `key`: values that change whenever what it shows may
    (the ids of audit entries, which never change once written; the reports' data version).
    The labels it shows (a counsellor's name, a term) are bounded by the time limit."""
    if not settings.FRIRUM_SITE_CACHE_SECONDS:
        return mark_safe(render())  # noqa: S308 (Frirum's own templates, escaped there)
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:20]
    html = _cached(f"{PREFIX}:{name}:kept:{get_language()}:{digest}", render)
    # The cache holds only what Frirum's own templates rendered.
    return mark_safe(html)  # noqa: S308


# A missing part is rendered by one worker while the others asking for it wait this long at
# most for it to be kept, then render it themselves (a worker that died holding the guard
# costs its waiters this once).
RENDER_WAIT_SECONDS = 2.0
_POLL_SECONDS = 0.02


def _cached(key: str, compute: Callable[[], T]) -> T:
    value = cache.get(key)
    if value is not None:
        return value
    # After a change at the site, the users who open the same course or list all miss it at
    # once; without a guard every server worker that missed it rendered it, and the
    # course's slowest views at 50 users were these.
    guard = f"{key}:rendering"
    if not cache.add(guard, 1, RENDER_WAIT_SECONDS):
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(_POLL_SECONDS)
            value = cache.get(key)
            if value is not None:
                return value
        return _render_and_keep(key, compute)
    try:
        return _render_and_keep(key, compute)
    finally:
        cache.delete(guard)


def _render_and_keep(key: str, compute: Callable[[], T]) -> T:
    value = compute()
    cache.set(key, value, settings.FRIRUM_SITE_CACHE_SECONDS)
    return value


def with_csrf_token(request, html: SafeString) -> SafeString:
    """A kept part with the requesting user's CSRF token in its forms (rendered with
    `csrf_token` set to CSRF_SLOT)."""
    if CSRF_SLOT not in html:
        return html
    # The token is letters and digits only: nothing to escape.
    return mark_safe(html.replace(CSRF_SLOT, get_token(request)))  # noqa: S308


class KeptBoundField(BoundField):
    def as_field_group(self):
        kept = self.form.kept_field_groups()
        if kept is not None and self.name in kept:
            # Rendered by the form's own templates, escaped there.
            return mark_safe(kept[self.name])  # noqa: S308
        return super().as_field_group()


class KeptFieldGroups:
    """A form mixin: the field groups named in `kept_fields` are rendered once per change at
    a site and kept, keyed by their values, once `keep_field_groups(site_id)` is called on an
    unbound form. For fields whose markup depends on nothing but the site's data (its
    counsellors, the terms, the municipalities: admin changes are in the version) and the
    field's initial value: their option lists are most of a large form's rendering, while a
    value like the user's own tick is just part of the key."""

    bound_field_class = KeptBoundField
    kept_fields: tuple[str, ...] = ()
    _kept_site_id: int | None = None
    _kept: dict[str, str] | None = None

    def keep_field_groups(self, site_id: int) -> None:
        # A bound form shows what was typed and its errors: never kept.
        if not self.is_bound:
            self._kept_site_id = site_id

    def kept_field_groups(self) -> dict[str, str] | None:
        if self._kept_site_id is None:
            return None
        if self._kept is None:
            names = [name for name in self.kept_fields if name in self.fields]
            values = tuple((name, self[name].value()) for name in names)
            form = type(self)
            self._kept = site_value(
                site_id=self._kept_site_id,
                name=f"fields:{form.__module__}.{form.__qualname__}",
                parts=(self.prefix, self.auto_id, values),
                compute=lambda: {
                    name: str(BoundField.as_field_group(self[name])) for name in names
                },
            )
        return self._kept
