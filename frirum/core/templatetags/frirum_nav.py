from django import template

register = template.Library()


@register.filter
def site_home(site) -> str:
    """Where a site's workspace starts (the main menu's link to the current site)."""
    from frirum.core.views import site_home_url

    return site_home_url(site)
