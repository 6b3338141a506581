"""Scenarios (the secretariat's, a municipality reads its own) and the memo in three forms."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from frirum.audit.actions import record_export
from frirum.planning import actions
from frirum.planning.access import (
    can_plan,
    check_planner,
    get_editable_scenario_for_user,
    get_scenario_for_user,
)
from frirum.planning.forms import ScenarioForm
from frirum.planning.memo import build_memo
from frirum.planning.memo_parts import about
from frirum.planning.memo_render import TEMPLATE, render_docx, render_pdf
from frirum.planning.plan import build_plan
from frirum.planning.scenario import CENTRE, MIN_SITE_YEARS, ROUND_TO
from frirum.reports.suppression import count_cell, value_cell
from frirum.sites.models import Municipality

DOWNLOADS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# The memo is a Danish document, whatever the reader's own language.
MEMO_LANGUAGE = "da"


def _k() -> int:
    return settings.FRIRUM_SUPPRESSION_K


def _save(request, form, scenario=None):
    try:
        if scenario is None:
            return actions.create_scenario(actor=request.user, **form.cleaned_data)
        return actions.update_scenario(scenario=scenario, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def scenario_new(request: HttpRequest) -> HttpResponse:
    check_planner(request)
    initial = {}
    # From the coverage page: a municipality without a site, by its code.
    code = request.GET.get("municipality", "")
    municipality = Municipality.objects.filter(code=code).first() if code.isdigit() else None
    if municipality is not None:
        initial["municipality"] = municipality.pk
    form = ScenarioForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        scenario = _save(request, form)
        if scenario is not None:
            messages.success(request, _("The scenario was saved."))
            return redirect("planning:scenario", pk=scenario.pk)
    return render(request, "planning/scenario_form.html", {"form": form, "planner": True})


@login_required
@require_http_methods(["GET", "POST"])
def scenario_edit(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = get_editable_scenario_for_user(request, pk)
    form = ScenarioForm(request.POST or None, instance=scenario)
    if request.method == "POST" and form.is_valid():
        if _save(request, form, scenario) is not None:
            messages.success(request, _("The scenario was saved."))
            return redirect("planning:scenario", pk=scenario.pk)
    return render(
        request,
        "planning/scenario_form.html",
        {"form": form, "scenario": scenario, "planner": True},
    )


def _estimate_rows(estimate) -> list[tuple[str, list[str]]]:
    """The estimate as presented: rounded, never a site-year's exact figure."""
    rows = []
    for label, exact, shown in (
        (_("Young people"), estimate.youth, estimate.youth_shown),
        (_("Conversations"), estimate.contacts, estimate.contacts_shown),
    ):
        rows.append(
            (
                label,
                [
                    about(exact.median, shown.median),
                    about(exact.q1, shown.q1),
                    about(exact.q3, shown.q3),
                ],
            )
        )
    return rows


@login_required
@require_GET
def scenario_page(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = get_scenario_for_user(request, pk)
    k = _k()
    plan = build_plan(scenario, k=k)
    used = [
        (
            item,
            count_cell(item.youth, k=k),
            count_cell(item.contacts, k=k),
            value_cell(item.youth_per_1000, base=item.youth, k=k),
            value_cell(item.contacts_per_1000, base=item.contacts, k=k),
        )
        for item in plan.estimate.used
    ]
    # The page's own language (the memo itself is always Danish).
    memo = build_memo(plan, k=k)
    context = {
        "scenario": scenario,
        "plan": plan,
        "memo": memo,
        "used": used,
        # As the memo and the coverage table present it (the coverage table's decision).
        "reached": memo.numbers["reached"],
        "estimate_rows": _estimate_rows(plan.estimate),
        "is_centre": plan.kind == CENTRE,
        "planner": can_plan(request.user),
        "capacity": int(plan.rules["hub_capacity"].value),
        "min_site_years": MIN_SITE_YEARS,
        "round_to": ROUND_TO,
    }
    return render(request, "planning/scenario.html", context)


@login_required
@require_GET
def memo_page(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = get_scenario_for_user(request, pk)
    with translation.override(MEMO_LANGUAGE):
        k = _k()
        memo = build_memo(build_plan(scenario, k=k), k=k)
        context = {
            "memo": memo,
            "scenario": scenario,
            "base_template": "base.html",
            "standalone": False,
            "planner": can_plan(request.user),
        }
        return render(request, TEMPLATE, context)


@login_required
@require_GET
def memo_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    scenario = get_scenario_for_user(request, pk)
    if fmt not in DOWNLOADS:
        raise Http404
    with translation.override(MEMO_LANGUAGE):
        k = _k()
        memo = build_memo(build_plan(scenario, k=k), k=k)
        body = render_pdf(memo, scenario) if fmt == "pdf" else render_docx(memo)
    record_export(
        actor=request.user,
        what="planning.memo",
        fmt=fmt,
        via="web",
        year=scenario.start_year,
        details={"scenario": scenario.pk, "municipality": scenario.municipality.code},
    )
    response = HttpResponse(body, content_type=DOWNLOADS[fmt])
    name = f"notat-{scenario.municipality.code}-{scenario.start_year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
