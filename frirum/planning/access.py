"""Who may plan. Every planning view resolves its objects through these helpers.

- The national secretariat plans for the whole country: coverage, scenarios, memos, templates.
- A municipality viewer reads the scenarios and memos of its own municipality, nothing else.
- A site's chief (or the hub's chief) enters the site's actual yearly cost.
- Counsellors and everyone else: 404, so not even a scenario's existence is revealed.
"""

from django.db.models import Q
from django.http import Http404, HttpRequest

from frirum.accounts.models import MANAGER_ROLES
from frirum.planning.models import Scenario
from frirum.sites.models import Site, SiteKind

COSTED_KINDS = (SiteKind.CENTRE, SiteKind.SATELLITE)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_plan(user) -> bool:
    return _active(user) and user.is_secretariat


def check_planner(request: HttpRequest) -> None:
    if not can_plan(request.user):
        raise Http404


def scenarios_for_user(user):
    scenarios = Scenario.objects.select_related("municipality__region", "hub", "created_by")
    if not _active(user):
        return scenarios.none()
    if user.is_secretariat:
        return scenarios
    return scenarios.filter(municipality__viewers__user=user).distinct()


def get_scenario_for_user(request: HttpRequest, pk: int) -> Scenario:
    scenario = scenarios_for_user(request.user).filter(pk=pk).first()
    if scenario is None:
        raise Http404
    return scenario


def get_editable_scenario_for_user(request: HttpRequest, pk: int) -> Scenario:
    """Only the secretariat changes a scenario; a municipality reads its own."""
    check_planner(request)
    return get_scenario_for_user(request, pk)


def get_costed_site_for_user(request: HttpRequest, code: str) -> Site:
    """A centre or satellite whose actual cost the user enters: its chief, the chief of its
    hub (a satellite has no chief of its own), or the secretariat."""
    site = (
        Site.objects.select_related("municipality", "hub")
        .filter(code=code, kind__in=COSTED_KINDS)
        .first()
    )
    if site is None or not _active(request.user):
        raise Http404
    if request.user.is_secretariat:
        return site
    led = request.user.memberships.filter(
        Q(site=site) | Q(site_id=site.hub_id), role__in=MANAGER_ROLES, is_active=True
    )
    if site.hub_id is None:
        led = led.filter(site=site)
    if not led.exists():
        raise Http404
    return site
