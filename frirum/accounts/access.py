"""Access to a site's team (members and their training): the site's centre chief and the
national secretariat only."""

from django.http import Http404, HttpRequest

from frirum.accounts.models import MANAGER_ROLES, User
from frirum.sites.models import Site


def get_managed_site_for_user(request: HttpRequest, code: str) -> Site:
    site = Site.objects.select_related("municipality", "hub").filter(code=code).first()
    if site is None:
        raise Http404
    user = request.user
    if user.is_secretariat:
        return site
    if not user.memberships.filter(site=site, role__in=MANAGER_ROLES, is_active=True).exists():
        raise Http404
    return site


def get_member_for_user(request: HttpRequest, site: Site, user_id: int) -> User:
    """A member of a site the requesting user manages (see get_managed_site_for_user)."""
    member = User.objects.filter(pk=user_id, memberships__site=site).distinct().first()
    if member is None:
        raise Http404
    return member
