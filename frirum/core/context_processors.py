import functools

from frirum.lib.access import (
    can_read_national_reports,
    managed_site_ids,
    member_sites,
    record_site_ids,
    record_sites,
    report_sites,
)

# The site's management pages: one submenu of the main menu (templates/includes/nav_items.html).
MANAGEMENT_VIEWS = frozenset(
    {
        "accounts:team",
        "audit:site_log",
        "core:anonymity_review",
        "trash:deleted_list",
        "questionnaires:site_instruments",
        "sites:schedule",
        "planning:site_costs",
        "volunteers:pipeline",
        "rosters:templates",
        "rosters:weeks",
        "rosters:hours",
    }
)


def workspace(request):
    """The sites the user works at, for the navigation. Lazy: only evaluated if rendered."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    view = match.view_name if match else ""

    @functools.cache
    def nav_sites():
        from frirum.core.views import site_home_url

        sites = (
            list(record_sites(user).order_by("name")) if user.is_secretariat else member_sites(user)
        )
        return [(site, site_home_url(site)) for site in sites]

    # Cached per request: the header's two menus (row and drawer) ask the same question.
    @functools.cache
    def managed():
        return AllSites() if user.is_secretariat else managed_site_ids(user)

    @functools.cache
    def has_reports():
        if can_read_national_reports(user) or managed_site_ids(user):
            # A chief reads their own sites' reports: no query needed to know there are some.
            return True
        # Otherwise only a municipality's viewer reads reports; a counsellor, the most
        # frequent user, is answered by this one-table check.
        viewer = getattr(user, "views_a_municipality", None)  # read with the user
        if viewer is None:
            viewer = user.municipality_views.exists()
        return viewer and report_sites(user).exists()

    @functools.cache
    def has_planning():
        # The secretariat plans; a municipality reads its own scenarios (frirum.planning.access).
        from frirum.planning.access import scenarios_for_user

        if user.is_secretariat:
            return True
        if record_site_ids(user):
            # Staff at a site plan nothing; their site ids are read for the menu anyway, so
            # the workspace pages ask no more of the database for this.
            return False
        return scenarios_for_user(user).exists()

    return {
        "nav_sites": nav_sites,
        "managed_site_ids": managed,
        "has_reports": has_reports,
        "has_planning": has_planning,
        # Which main-menu item the page belongs to (aria-current and the open submenu).
        "nav_view": view,
        "nav_namespace": match.namespace if match else "",
        "nav_management": view in MANAGEMENT_VIEWS,
    }


class AllSites:
    """Stands in for 'every site id' in templates' `in` tests."""

    def __contains__(self, site_id) -> bool:
        return True
