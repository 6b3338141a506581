from functools import lru_cache
from types import SimpleNamespace

from django import template
from django.template.loader import get_template
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
    key = (
        get_language(),
        menu_id,
        bool(mobile),
        tuple((*_site_key(site), url) for site, url in (_resolved(context, "sites") or ())),
        _site_key(current),
        current is not None and current.pk in managed,
        context.get("nav_view", ""),
        context.get("nav_namespace", ""),
        bool(context.get("nav_management")),
        bool(_resolved(context, "reports")),
        bool(_resolved(context, "has_planning")),
        bool(user.is_secretariat),
        bool(user.is_staff),
    )
    return _render_nav_items(key)


@lru_cache(maxsize=4096)
def _render_nav_items(key: tuple) -> str:
    (_language, menu_id, mobile, sites, current, managed, view, namespace, management) = key[:9]
    reports, planning, secretariat, staff = key[9:]

    def site(values):
        pk, name, code, kind = values[:4]
        return SimpleNamespace(pk=pk, name=name, code=code, kind=kind)

    current_site = None if current is None else site(current)
    return get_template("includes/nav_items.html").render(
        {
            "menu_id": menu_id,
            "mobile": mobile,
            "sites": [(site(values), values[4]) for values in sites],
            "current_site": current_site,
            "managed_site_ids": {current_site.pk} if managed else set(),
            "nav_view": view,
            "nav_namespace": namespace,
            "nav_management": management,
            "reports": reports,
            "has_planning": planning,
            "user": SimpleNamespace(is_secretariat=secretariat, is_staff=staff),
        }
    )
