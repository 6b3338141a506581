"""Who may see and change volunteers' paths and qualifications: the site's centre chief (a hub's
chief leads its satellites too) and the national secretariat. Volunteers' own view of their
qualifications is on their roster page (frirum.rosters)."""

from django.db.models import Q
from django.http import Http404, HttpRequest

from frirum.accounts.models import MANAGER_ROLES
from frirum.sites.models import Site
from frirum.volunteers.models import VolunteerPath


def is_chief_of(user, site: Site) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_secretariat:
        return True
    return user.memberships.filter(
        Q(site=site) | Q(site_id=site.hub_id), is_active=True, role__in=MANAGER_ROLES
    ).exists()


def sites_led_by(user) -> list[Site]:
    """Every site `user` leads, by name: the secretariat the whole network, a chief their
    sites and their hubs' satellites (the same rule as is_chief_of, in one query)."""
    if not (user.is_authenticated and user.is_active):
        return []
    sites = Site.objects.order_by("name")
    if user.is_secretariat:
        return list(sites)
    led = user.memberships.filter(is_active=True, role__in=MANAGER_ROLES).values("site_id")
    return list(sites.filter(Q(pk__in=led) | Q(hub_id__in=led)))


def get_led_sites_for_user(request: HttpRequest) -> list[Site]:
    """The sites of the signed-in chief or secretariat; 404 for anyone who leads none."""
    sites = sites_led_by(request.user)
    if not sites:
        raise Http404
    return sites


def get_volunteer_site_for_user(request: HttpRequest, code: str) -> Site:
    site = Site.objects.select_related("municipality", "hub").filter(code=code).first()
    if site is None or not is_chief_of(request.user, site):
        raise Http404
    return site


def get_path_for_user(request: HttpRequest, code: str, path_id: int) -> VolunteerPath:
    site = get_volunteer_site_for_user(request, code)
    path = (
        VolunteerPath.objects.select_related("user", "site").filter(pk=path_id, site=site).first()
    )
    if path is None:
        raise Http404
    return path
