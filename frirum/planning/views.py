"""The planning start page: the secretariat's planning tools and the scenarios the user may
read (a municipality viewer: its own; nobody else gets the page)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from frirum.planning.access import can_plan, scenarios_for_user


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    scenarios = list(scenarios_for_user(request.user)[:200])
    if not can_plan(request.user) and not scenarios:
        raise Http404
    return render(
        request,
        "planning/index.html",
        {"planner": can_plan(request.user), "scenarios": scenarios},
    )
