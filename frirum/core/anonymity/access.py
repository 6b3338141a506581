from django.http import Http404, HttpRequest

from frirum.accounts.models import MANAGER_ROLES
from frirum.lib.access import get_site_for_user
from frirum.sites.models import Site


def get_reviewable_site_for_user(request: HttpRequest, code: str) -> Site:
    """A site whose anonymity findings the user may see and clear: its chief, the secretariat."""
    site = get_site_for_user(request, code)
    user = request.user
    if user.is_secretariat:
        return site
    if not user.memberships.filter(is_active=True, role__in=MANAGER_ROLES, site=site).exists():
        raise Http404
    return site
