from frirum.accounts.models import MANAGER_ROLES
from frirum.lib.access import can_read_national_reports, record_sites, report_sites


def workspace(request):
    """The sites the user works at, for the navigation. Lazy: only evaluated if rendered."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def nav_sites():
        from frirum.core.views import site_home_url

        return [(site, site_home_url(site)) for site in record_sites(user).order_by("name")]

    def managed_site_ids():
        if user.is_secretariat:
            return AllSites()
        return set(
            user.memberships.filter(is_active=True, role__in=MANAGER_ROLES).values_list(
                "site_id", flat=True
            )
        )

    def has_reports():
        return can_read_national_reports(user) or report_sites(user).exists()

    return {
        "nav_sites": nav_sites,
        "managed_site_ids": managed_site_ids,
        "has_reports": has_reports,
    }


class AllSites:
    """Stands in for 'every site id' in templates' `in` tests."""

    def __contains__(self, site_id) -> bool:
        return True
