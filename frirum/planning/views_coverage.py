"""Coverage of the country (the secretariat's): page and downloads from one presentation."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frirum.audit.actions import record_export
from frirum.planning import figures
from frirum.planning.access import check_planner
from frirum.planning.coverage import build_coverage
from frirum.planning.definitions import definitions
from frirum.planning.render import DEFINED, render_csv, render_xlsx
from frirum.reports.forms import ReportOptionsForm
from frirum.reports.years import years_with_data

DOWNLOADS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def _options(request: HttpRequest) -> tuple[ReportOptionsForm, int, int]:
    # Only the secretariat reads coverage; it may read exact figures, so it may lower k.
    form = ReportOptionsForm(request.GET, may_lower_k=True, years=years_with_data("national"))
    year, k = form.options()
    return form, year, k


def _until(year: int):
    today = timezone.localdate()
    return today if year == today.year else None


@login_required
@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    check_planner(request)
    form, year, k = _options(request)
    table = build_coverage(figures.coverage(year=year, until=_until(year)), k=k)
    query = urlencode({"year": year, "k": k})
    downloads = [
        (label, f"{reverse('planning:coverage_download', args=[fmt])}?{query}")
        for fmt, label in (
            ("xlsx", _("Spreadsheet (XLSX)")),
            ("csv", _("CSV")),
            ("json", _("Exact figures (JSON)")),
        )
    ]
    context = {
        "table": table,
        "options_form": form,
        "downloads": downloads,
        "definitions": definitions(DEFINED),
        "planner": True,
    }
    return render(request, "planning/coverage.html", context)


@login_required
@require_GET
def coverage_download(request: HttpRequest, fmt: str) -> HttpResponse:
    check_planner(request)
    if fmt not in DOWNLOADS:
        raise Http404
    form, year, k = _options(request)
    if form.errors:
        return HttpResponse(
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    exact = figures.coverage(year=year, until=_until(year))
    if fmt == "json":
        response = JsonResponse(exact, json_dumps_params={"ensure_ascii": False, "indent": 1})
    else:
        table = build_coverage(exact, k=k)
        body = render_xlsx(table) if fmt == "xlsx" else render_csv(table)
        response = HttpResponse(body, content_type=DOWNLOADS[fmt])
    record_export(
        actor=request.user,
        what="planning.coverage",
        fmt=fmt,
        via="web",
        year=year,
        details={"k": None if fmt == "json" else k},
    )
    response["Content-Disposition"] = f'attachment; filename="daekning-{year}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
