"""Who may see and change a site's roster.

- Seeing the roster and signing up: the site's active members (any role), its chief (a hub's
  chief leads its satellites) and the national secretariat.
- Templates, generation, assigning, approving, attendance, hours: the chief and the
  secretariat (frirum.volunteers.access.is_chief_of); hours across sites: every site the
  user leads (frirum.volunteers.access.sites_led_by).
- A calendar feed: whoever holds its secret token; the site feed only while the token's
  owner is still the site's chief.
"""

from django.http import Http404, HttpRequest

from frirum.accounts.models import User
from frirum.rosters.models import Assignment, RosterProfile, Shift, ShiftTemplate
from frirum.sites.models import Site
from frirum.volunteers.access import (
    get_led_sites_for_user,
    get_volunteer_site_for_user,
    is_chief_of,
)

__all__ = [
    "get_assignment_for_user",
    "get_chief_roster_site_for_user",
    "get_feed_owner",
    "get_feed_site",
    "get_led_sites_for_user",
    "get_roster_site_for_user",
    "get_shift_for_user",
    "get_template_for_user",
    "may_see_roster",
]


def _site(code: str) -> Site | None:
    return Site.objects.select_related("municipality", "hub").filter(code=code).first()


def may_see_roster(user, site: Site) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return is_chief_of(user, site) or user.memberships.filter(site=site, is_active=True).exists()


def get_roster_site_for_user(request: HttpRequest, code: str) -> Site:
    site = _site(code)
    if site is None or not may_see_roster(request.user, site):
        raise Http404
    return site


def get_chief_roster_site_for_user(request: HttpRequest, code: str) -> Site:
    return get_volunteer_site_for_user(request, code)


def get_template_for_user(request: HttpRequest, code: str, template_id: int) -> ShiftTemplate:
    site = get_chief_roster_site_for_user(request, code)
    template = ShiftTemplate.objects.filter(site=site, pk=template_id).first()
    if template is None:
        raise Http404
    return template


def get_shift_for_user(request: HttpRequest, code: str, shift_id: int) -> Shift:
    site = get_roster_site_for_user(request, code)
    shift = Shift.objects.select_related("site", "template").filter(pk=shift_id, site=site).first()
    if shift is None:
        raise Http404
    return shift


def get_assignment_for_user(request: HttpRequest, code: str, assignment_id: int) -> Assignment:
    site = get_roster_site_for_user(request, code)
    assignment = (
        Assignment.objects.select_related("shift__site", "shift__template", "user", "taker")
        .filter(pk=assignment_id, shift__site=site)
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def get_feed_owner(token: str) -> User:
    profile = (
        RosterProfile.objects.select_related("user")
        .filter(feed_token=token, feed_token__isnull=False)
        .first()
        if token
        else None
    )
    if profile is None or not profile.user.is_active:
        raise Http404
    return profile.user


def get_feed_site(token: str, code: str) -> tuple[User, Site]:
    user = get_feed_owner(token)
    site = _site(code)
    if site is None or not is_chief_of(user, site):
        raise Http404
    return user, site
