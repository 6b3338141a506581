from functools import lru_cache
from types import SimpleNamespace
from typing import NamedTuple

from django import template
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.filter
def site_home(site) -> str:
    """Where a site's workspace starts (the main menu's link to the current site)."""
    from frirum.core.views import site_home_url

    return site_home_url(site)


def _resolved(context, name):
    # The workspace context processor hands over functions so that pages without a menu
    # ask nothing; the menu calls them (each caches its answer for the request).
    value = context.get(name)
    return value() if callable(value) else value


def _site_key(site) -> tuple | None:
    return None if site is None else (site.pk, site.name, site.code, site.kind)


class _NavKey(NamedTuple):
    """Everything the menu's template reads: the markup is a function of this alone."""

    language: str
    menu_id: str
    mobile: bool
    sites: tuple  # (pk, name, code, kind, url) per site of the switcher
    current: tuple | None  # (pk, name, code, kind)
    managed: bool  # the user leads the current site
    view: str
    namespace: str
    management: bool
    reports: bool
    planning: bool
    secretariat: bool
    staff: bool


@register.simple_tag(takes_context=True)
def nav_items(context, menu_id: str, mobile: bool):
    """The main menu's items (includes/nav_items.html) for one of the header's two menus.

    The markup is a pure function of what the key holds (the language, the user's sites and
    roles, the page), so it is rendered once per key and kept: the menu was half of a cached
    dashboard's time, rendered twice per page. Nothing here is state a request could change
    behind the key's back, so processes need not share it."""
    user = context["user"]
    current = context.get("current_site")
    managed = _resolved(context, "managed_site_ids") or ()
    key = _NavKey(
        language=get_language(),
        menu_id=menu_id,
        mobile=bool(mobile),
        sites=tuple((*_site_key(site), url) for site, url in (_resolved(context, "sites") or ())),
        current=_site_key(current),
        managed=current is not None and current.pk in managed,
        view=context.get("nav_view", ""),
        namespace=context.get("nav_namespace", ""),
        management=bool(context.get("nav_management")),
        reports=bool(_resolved(context, "reports")),
        planning=bool(_resolved(context, "has_planning")),
        secretariat=bool(user.is_secretariat),
        staff=bool(user.is_staff),
    )
    return _render_nav_items(key)


def _site(values: tuple) -> SimpleNamespace:
    pk, name, code, kind = values[:4]
    return SimpleNamespace(pk=pk, name=name, code=code, kind=kind)


@lru_cache(maxsize=4096)
def _render_nav_items(key: _NavKey) -> str:
    current_site = None if key.current is None else _site(key.current)
    return get_template("includes/nav_items.html").render(
        {
            "menu_id": key.menu_id,
            "mobile": key.mobile,
            "sites": [(_site(values), values[4]) for values in key.sites],
            "current_site": current_site,
            "managed_site_ids": {current_site.pk} if key.managed else set(),
            "nav_view": key.view,
            "nav_namespace": key.namespace,
            "nav_management": key.management,
            "reports": key.reports,
            "has_planning": key.planning,
            "user": SimpleNamespace(is_secretariat=key.secretariat, is_staff=key.staff),
        }
    )


# What the user's links hold in place of the request's own values, put in when served.
_CSRF_SLOT = "frirum-header-token-0000"
_PATH_SLOT = "frirum-header-path-0000"
_CSRF_INPUT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_CSRF_SLOT}">'


@register.simple_tag(takes_context=True)
def header_tools(context, mobile=False):
    """The user's links (includes/header_tools.html: the language switch, two-factor, log
    out), rendered once per language and place and kept like the menu: every page shows them
    twice. The request's CSRF token and path (the language switch's way back) are put in
    when served."""
    html = _render_header_tools(get_language(), bool(mobile))
    csrf = context.get("csrf_token")
    csrf = str(csrf) if csrf else ""
    if csrf and csrf != "NOTPROVIDED":
        html = html.replace(_CSRF_SLOT, csrf)
    else:
        # As {% csrf_token %} renders without a token: no input at all.
        html = html.replace(_CSRF_INPUT, "")
    request = context.get("request")
    path = escape(request.get_full_path()) if request is not None else ""
    # The slots are the template's own markup; the path is escaped above.
    return mark_safe(html.replace(_PATH_SLOT, path))  # noqa: S308


@lru_cache(maxsize=64)
def _render_header_tools(language: str, mobile: bool) -> str:
    request = SimpleNamespace(get_full_path=lambda: _PATH_SLOT)
    return get_template("includes/header_tools.html").render(
        {"mobile": mobile, "csrf_token": _CSRF_SLOT, "request": request}
    )
