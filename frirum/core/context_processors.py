from frirum.lib.access import record_sites


def workspace(request):
    """The sites the user works at, for the navigation. Lazy: only evaluated if rendered."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def nav_sites():
        from frirum.core.views import site_home_url

        return [(site, site_home_url(site)) for site in record_sites(user).order_by("name")]

    return {"nav_sites": nav_sites}
