"""Report pages and downloads. Figures come from frirum.reports.figures, computed in the
database and kept in the cache while the data stays the same (frirum.reports.caching); every
presented form reads them through frirum.reports.render."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frirum.audit.actions import record_export
from frirum.lib.access import can_read_national_reports, report_sites
from frirum.reports import access, caching, figures
from frirum.reports.forms import ReportOptionsForm, default_year
from frirum.reports.render import build_presentation, render_report
from frirum.reports.render.html import template_name
from frirum.reports.render.model import same_day
from frirum.reports.render.trends import build_trends
from frirum.reports.years import years_with_data
from frirum.sites.models import SiteKind

DOWNLOADS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
FILE_NAMES = {"annual": "aarsrapport", "national": "national-rapport", "family": "family-rapport"}


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    sites = list(report_sites(request.user).select_related("municipality").order_by("name"))
    context = {
        "annual_sites": [site for site in sites if site.kind in access.ANNUAL_KINDS],
        "family_sites": [site for site in sites if site.kind == SiteKind.FAMILY],
        "national": can_read_national_reports(request.user),
        "year": default_year(),
    }
    return render(request, "reports/index.html", context)


def _options(
    request: HttpRequest, *, kind: str, site, unsuppressed: bool, version: str
) -> tuple[ReportOptionsForm, int, int]:
    years = caching.cached_figures(
        f"years-{kind}",
        year=None,
        site=site,
        version=version,
        compute=lambda: years_with_data(kind, site),
    )
    form = ReportOptionsForm(request.GET, may_lower_k=unsuppressed, years=years)
    year, k = form.options()
    return form, year, k


def _until(year: int) -> tuple[date | None, date | None]:
    """For the year still running: today, and the same day a year before, so the unfinished
    year is compared with the same period of the previous year; (None, None) otherwise."""
    today = timezone.localdate()
    if year != today.year:
        return None, None
    return today, same_day(today, year - 1)


def _compute(kind: str, year: int, site, version: str) -> tuple[dict, dict]:
    """The year's figures and the previous year's (the same period, for a running year), for
    the year-on-year comparison."""
    until, previous_until = _until(year)
    return (
        _compute_one(kind, year, site, version, until),
        _compute_one(kind, year - 1, site, version, previous_until),
    )


def _page(request, *, kind: str, site, url_name: str, url_args: list) -> HttpResponse:
    unsuppressed = access.may_read_unsuppressed(request, site)
    version = caching.data_version()
    form, year, k = _options(
        request, kind=kind, site=site, unsuppressed=unsuppressed, version=version
    )
    current, previous = _compute(kind, year, site, version)
    report = build_presentation(kind=kind, figures=current, previous=previous, k=k, site=site)
    query = {"year": year, "k": k, "lang": translation.get_language() or "da"}
    downloads = [
        (label, f"{reverse(url_name + '_download', args=[*url_args, fmt])}?{urlencode(query)}")
        for fmt, label in (("pdf", _("PDF")), ("xlsx", _("Spreadsheet (XLSX)")), ("csv", _("CSV")))
    ]
    if unsuppressed:
        json_url = reverse(url_name + "_download", args=[*url_args, "json"])
        downloads.append((_("Exact figures (JSON)"), f"{json_url}?{urlencode({'year': year})}"))
    context = {
        "report": report,
        "base_template": "base.html",
        "standalone": False,
        "options_form": form,
        "downloads": downloads,
    }
    return render(request, template_name(report), context)


def _download(request, *, kind: str, site, fmt: str, code: str = "") -> HttpResponse:
    if fmt not in DOWNLOADS:
        raise Http404
    if fmt == "json":
        access.check_unsuppressed_figures_for_user(request, site)
    unsuppressed = access.may_read_unsuppressed(request, site)
    version = caching.data_version()
    form, year, k = _options(
        request, kind=kind, site=site, unsuppressed=unsuppressed, version=version
    )
    if form.errors:
        return HttpResponse(
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    if fmt == "json":
        # The figures exactly as computed: unrounded and unsuppressed.
        current = _compute_one(kind, year, site, version, _until(year)[0])
        response = JsonResponse(current, json_dumps_params={"ensure_ascii": False, "indent": 1})
    else:
        current, previous = _compute(kind, year, site, version)
        language = request.GET.get("lang") or translation.get_language() or "da"
        if language not in ("da", "en"):
            language = "da"
        body = render_report(
            kind=kind, figures=current, previous=previous, fmt=fmt, language=language, k=k
        )
        response = HttpResponse(body, content_type=DOWNLOADS[fmt])
    # Every download is in the audit trail (who, when, which report, year and format).
    record_export(
        actor=request.user,
        what=f"reports.{kind}",
        site=site,
        fmt=fmt,
        via="web",
        year=year,
        details={"k": None if fmt == "json" else k},
    )
    name = "-".join(part for part in (FILE_NAMES[kind], code, str(year)) if part)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _compute_one(kind: str, year: int, site, version: str, until: date | None = None) -> dict:
    def compute() -> dict:
        return figures.compute(kind, year=year, site=site, until=until)

    return caching.cached_figures(
        kind, year=year, site=site, version=version, compute=compute, until=until
    )


@login_required
@require_GET
def annual(request: HttpRequest, code: str) -> HttpResponse:
    site = access.get_annual_site_for_user(request, code)
    return _page(request, kind="annual", site=site, url_name="reports:annual", url_args=[code])


@login_required
@require_GET
def annual_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    site = access.get_annual_site_for_user(request, code)
    return _download(request, kind="annual", site=site, fmt=fmt, code=code)


@login_required
@require_GET
def national(request: HttpRequest) -> HttpResponse:
    access.check_national_reports_for_user(request)
    return _page(request, kind="national", site=None, url_name="reports:national", url_args=[])


@login_required
@require_GET
def national_download(request: HttpRequest, fmt: str) -> HttpResponse:
    access.check_national_reports_for_user(request)
    return _download(request, kind="national", site=None, fmt=fmt)


@login_required
@require_GET
def family_national(request: HttpRequest) -> HttpResponse:
    access.check_national_reports_for_user(request)
    return _page(request, kind="family", site=None, url_name="reports:family_national", url_args=[])


@login_required
@require_GET
def family_national_download(request: HttpRequest, fmt: str) -> HttpResponse:
    access.check_national_reports_for_user(request)
    return _download(request, kind="family", site=None, fmt=fmt)


@login_required
@require_GET
def family_site(request: HttpRequest, code: str) -> HttpResponse:
    site = access.get_family_site_for_user(request, code)
    return _page(request, kind="family", site=site, url_name="reports:family_site", url_args=[code])


@login_required
@require_GET
def family_site_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    site = access.get_family_site_for_user(request, code)
    return _download(request, kind="family", site=site, fmt=fmt, code=code)


@login_required
@require_GET
def trends(request: HttpRequest) -> HttpResponse:
    access.check_national_reports_for_user(request)
    form = ReportOptionsForm(request.GET, may_lower_k=True)
    _year, k = form.options()
    version = caching.data_version()
    trend_figures = caching.cached_figures(
        "trends", year=None, site=None, version=version, compute=figures.trends
    )
    # The national reports' figures per year, so the page hides what those reports hide.
    national = {
        year: _compute_one("national", year, None, version)
        for year in trend_figures.get("years") or []
    }
    result = build_trends(trend_figures, k=k, national=national, until=timezone.localdate())
    return render(request, "reports/trends.html", {"trends": result, "k": k})
