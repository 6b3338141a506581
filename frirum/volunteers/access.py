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
