"""The planning start page: what the secretariat can open from here."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from frirum.planning.access import can_plan, scenarios_for_user


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    scenarios = list(scenarios_for_user(request.user)[:200])
    if not can_plan(request.user) and not scenarios:
        from django.http import Http404

        raise Http404
    return render(
        request,
        "planning/index.html",
        {"planner": can_plan(request.user), "scenarios": scenarios},
    )
