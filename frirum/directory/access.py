"""Who may search the directory and who keeps an entry current.

Searching is for staff (the secretariat and site members); a municipality viewer and anyone
signed out get 404. A site's entries are kept by its chief (or its hub's chief) and the
entry's named editor; national entries (no site) by the secretariat."""

from django.http import Http404, HttpRequest

from frirum.accounts.models import MANAGER_ROLES
from frirum.directory.models import Service
from frirum.directory.selectors import may_search


def may_keep(user, service: Service) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_secretariat:
        return True
    if service.owner_site_id is None:
        return False
    if service.editor_id == user.pk:
        return True
    site = service.owner_site
    return user.memberships.filter(
        site_id__in=[site.pk, site.hub_id or site.pk], is_active=True, role__in=MANAGER_ROLES
    ).exists()


def may_add_to_site(user, site) -> bool:
    """The site's chief (or its hub's) and the secretariat add entries for the site."""
    if user.is_secretariat:
        return True
    return user.memberships.filter(
        site_id__in=[site.pk, site.hub_id or site.pk], is_active=True, role__in=MANAGER_ROLES
    ).exists()


def may_keep_site(user, site) -> bool:
    """Whether the user sees the site's entries to keep (the owner's dashboard)."""
    return (
        may_add_to_site(user, site) or Service.objects.filter(owner_site=site, editor=user).exists()
    )


def check_may_search(request: HttpRequest) -> None:
    if not may_search(request.user):
        raise Http404


def get_service_for_staff(request: HttpRequest, uid) -> Service:
    check_may_search(request)
    service = (
        Service.objects.select_related("organization", "destination", "owner_site")
        .filter(uid=uid)
        .first()
    )
    if service is None:
        raise Http404
    return service


def get_service_to_keep(request: HttpRequest, uid) -> Service:
    service = get_service_for_staff(request, uid)
    if not may_keep(request.user, service):
        raise Http404
    return service
