"""Who may change a site's opening hours and closed days: its centre chief (a hub's chief
also leads its satellites) and the national secretariat."""

from django.db.models import Q
from django.http import Http404, HttpRequest

from frirum.accounts.models import MANAGER_ROLES
from frirum.sites.models import ClosedDay, OpeningHours, Site


def get_schedule_site_for_user(request: HttpRequest, code: str) -> Site:
    user = request.user
    site = Site.objects.select_related("municipality", "hub").filter(code=code).first()
    if site is None or not (user.is_authenticated and user.is_active):
        raise Http404
    if user.is_secretariat:
        return site
    chief = user.memberships.filter(
        Q(site=site) | Q(site_id=site.hub_id), is_active=True, role__in=MANAGER_ROLES
    )
    if not chief.exists():
        raise Http404
    return site


def get_opening_hours_for_user(request: HttpRequest, code: str, pk: int) -> OpeningHours:
    site = get_schedule_site_for_user(request, code)
    row = OpeningHours.objects.filter(site=site, pk=pk).first()
    if row is None:
        raise Http404
    return row


def get_closed_day_for_user(request: HttpRequest, code: str, pk: int) -> ClosedDay:
    site = get_schedule_site_for_user(request, code)
    closed = ClosedDay.objects.filter(site=site, pk=pk).first()
    if closed is None:
        raise Http404
    return closed
