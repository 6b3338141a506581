"""Access to a site's team (members and their training): the site's centre chief and the
national secretariat only."""

from django.http import Http404, HttpRequest

from frirum.accounts.models import User
from frirum.lib.access import managed_member_site
from frirum.sites.models import Site


def get_managed_site_for_user(request: HttpRequest, code: str) -> Site:
    user = request.user
    if not user.is_secretariat:
        # A chief's sites are already read with their memberships: no query of its own.
        site = managed_member_site(user, code)
        if site is None:
            raise Http404
        return site
    site = Site.objects.select_related("municipality", "hub").filter(code=code).first()
    if site is None:
        raise Http404
    return site


def get_member_for_user(request: HttpRequest, site: Site, user_id: int) -> User:
    """A member of a site the requesting user manages (see get_managed_site_for_user)."""
    member = User.objects.filter(pk=user_id, memberships__site=site).distinct().first()
    if member is None:
        raise Http404
    return member
