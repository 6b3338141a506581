"""The directory in the workspace: the search while bridging (also inside the registration
form), the card handed to the young person, and the owner's list of entries to keep."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from frirum.directory.access import (
    check_may_search,
    get_service_for_staff,
    get_service_to_keep,
    may_add_to_site,
    may_keep_site,
)
from frirum.directory.actions import save_service, verify_service
from frirum.directory.figures import directory_figures
from frirum.directory.forms import DirectorySearchForm, ServiceForm, initial_for_service
from frirum.directory.hsds_export import export_services
from frirum.directory.hsds_import import HsdsImportError, import_json
from frirum.directory.hsds_tabular import export_zip, import_zip
from frirum.directory.models import Service
from frirum.directory.selectors import (
    hours_on,
    owned_services,
    search_services,
    services_by_ids,
    stale_limit,
)
from frirum.lib.access import (
    can_read_national_reports,
    get_report_site_for_user,
    get_site_for_user,
)
from frirum.lib.params import parse_int
from frirum.reports.suppression import default_k

MAX_CHOSEN = 20


def _chosen_ids(form) -> list[int]:
    values = form["bridging_services"].value() or []
    if not isinstance(values, (list, tuple)):
        values = [values]
    ids = [parse_int(v, minimum=1, maximum=2**62) for v in values[:MAX_CHOSEN]]
    return [i for i in ids if i is not None]


def bridging_search_context(request: HttpRequest, *, site, form) -> dict:
    """The directory search inside the registration form's bridging step: the services
    already chosen (ticked) and, after "Find help", the hits to choose from."""
    params = request.POST if request.method == "POST" else request.GET
    searching = params.get("action") == "find_service"
    initial = {"dir_municipality": site.municipality_id, "dir_age": form["age"].value()}
    data = {k: params.get(k) for k in params if k.startswith("dir_")} if searching else None
    dir_form = DirectorySearchForm(data, initial=initial)
    if data is None:
        # Its option lists are the site's terms and the municipalities: kept as the
        # registration form's own (frirum/audit/fragments.py).
        dir_form.keep_field_groups(site.pk)
    hits = []
    if searching:
        query = dir_form.query()
        hits = search_services(query) if query is not None else []
    allowed = form.fields["bridging_services"].queryset
    chosen_ids = _chosen_ids(form)
    chosen = (
        list(services_by_ids(allowed.filter(pk__in=chosen_ids).values("pk"))) if chosen_ids else []
    )
    today = timezone.localdate()
    options = [
        {"service": s, "checked": True, "stale": s.is_stale(today), "hit": None} for s in chosen
    ]
    chosen_pks = {s.pk for s in chosen}
    options += [
        {"service": h.service, "checked": False, "stale": h.stale, "hit": h}
        for h in hits
        if h.service.pk not in chosen_pks
    ]
    return {"dir_form": dir_form, "service_options": options, "dir_searched": searching}


@login_required
def search(request: HttpRequest, site_code: str) -> HttpResponse:
    """The directory on its own page (GET), for a look-up outside a registration."""
    site = get_site_for_user(request, site_code)
    check_may_search(request)
    form = DirectorySearchForm(
        request.GET or None,
        initial={"dir_municipality": site.municipality_id},
    )
    hits = None
    if form.is_bound:
        query = form.query()
        hits = search_services(query) if query is not None else None
    context = {"current_site": site, "site": site, "form": form, "hits": hits}
    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
        # Only the results: htmx swaps them in as a field changes. A 200 even with an error,
        # which htmx would not swap in otherwise; the error is shown in the results.
        response = render(request, "directory/includes/search_results.html", context)
    else:
        status = 400 if form.errors else 200
        response = render(request, "directory/search.html", context, status=status)
    # The same address answers a page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def service_card(request: HttpRequest, site_code: str, uid) -> HttpResponse:
    """A card of one service to print or show the young person. Nothing is recorded about
    who received it."""
    site = get_site_for_user(request, site_code)
    service = get_service_for_staff(request, uid)
    today = timezone.localdate()
    _windows, closed = hours_on(service, today)
    context = {
        "current_site": site,
        "site": site,
        "service": service,
        "schedules": service.schedules.all(),
        "locations": [sal.location for sal in service.at_locations.select_related("location")],
        "stale": service.is_stale(today),
        "closed_today": closed,
    }
    return render(request, "directory/card.html", context)


@login_required
def site_entries(request: HttpRequest, site_code: str) -> HttpResponse:
    """The owner's dashboard: the site's entries, stale ones first. The secretariat's
    national entries are at the same page of any site, below the site's."""
    site = get_site_for_user(request, site_code)
    if not may_keep_site(request.user, site):
        raise Http404
    today = timezone.localdate()
    limit = stale_limit(today)
    local = list(owned_services(site)[:500])
    national = list(owned_services(None)[:500]) if request.user.is_secretariat else []
    # Decided once for the page, not per entry: the chief keeps all the site's entries, an
    # editor their own, the secretariat the national ones.
    keeps_all = may_add_to_site(request.user, site)
    for service in local + national:
        service.stale_now = service.verified_on is None or service.verified_on < limit
        if service.owner_site_id is None:
            service.may_keep = request.user.is_secretariat
        else:
            service.may_keep = keeps_all or service.editor_id == request.user.pk
    context = {
        "current_site": site,
        "site": site,
        "local": local,
        "national": national,
        "stale_local": sum(s.stale_now for s in local),
        "stale_national": sum(s.stale_now for s in national),
        "may_add": may_add_to_site(request.user, site),
    }
    return render(request, "directory/site_entries.html", context)


@login_required
@require_POST
def verify(request: HttpRequest, site_code: str, uid) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    service: Service = get_service_to_keep(request, uid)
    try:
        verify_service(actor=request.user, service=service)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is confirmed as correct.") % {"name": service.name})
    return redirect("directory:site_entries", site.code)


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    return parse_int(request.GET.get("year"), minimum=2000, maximum=this_year) or this_year


@login_required
def figures(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """The directory's use for one site (its report readers) or the network (secretariat)."""
    if code is None:
        if not can_read_national_reports(request.user):
            raise Http404
        site, sites = None, None
    else:
        site = get_report_site_for_user(request, code)
        sites = [site, *site.satellites.all()] if site.kind == "centre" else [site]
    year = _year(request)
    context = {
        "site": site,
        "year": year,
        "years": list(range(timezone.localdate().year, 2019, -1)),
        "figures": directory_figures(sites=sites, year=year, k=default_k()),
    }
    return render(request, "directory/figures.html", context)


def _render_service_form(request, *, site, form, service=None, status=200) -> HttpResponse:
    context = {"current_site": site, "site": site, "form": form, "service": service}
    return render(request, "directory/service_form.html", context, status=status)


def _save_service(request, form, *, site, service=None):
    try:
        return save_service(actor=request.user, site=site, data=form.cleaned_data, service=service)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field_name, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field_name if field_name in form.fields else None, message)
        else:
            form.add_error(None, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    if not may_add_to_site(request.user, site):
        raise Http404
    if request.method == "POST":
        form = ServiceForm(request.POST, site=site)
        if form.is_valid() and _save_service(request, form, site=site) is not None:
            messages.success(request, _("The entry is added to the directory."))
            return redirect("directory:site_entries", site.code)
        return _render_service_form(request, site=site, form=form, status=400)
    form = ServiceForm(site=site, initial={"is_published": True, "languages": "da"})
    return _render_service_form(request, site=site, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, site_code: str, uid) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    service = get_service_to_keep(request, uid)
    if request.method == "POST":
        form = ServiceForm(request.POST, site=site)
        if form.is_valid() and _save_service(request, form, site=site, service=service):
            messages.success(request, _("The entry is saved and verified."))
            return redirect("directory:site_entries", site.code)
        return _render_service_form(request, site=site, form=form, service=service, status=400)
    form = ServiceForm(site=site, initial=initial_for_service(service))
    return _render_service_form(request, site=site, form=form, service=service)


@login_required
@require_http_methods(["GET", "POST"])
def exchange(request: HttpRequest) -> HttpResponse:
    """The secretariat's HSDS exchange: download the published directory, upload a file from
    a municipality or another helpline (all or nothing, every error listed)."""
    if not request.user.is_secretariat:
        raise Http404
    problems, status = [], 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            problems = [_("Choose a .json file or a .zip tabular package.")]
        elif upload.size > 50 * 1024 * 1024:
            problems = [_("The file is larger than 50 MB.")]
        else:
            raw = upload.read()
            try:
                if upload.name.lower().endswith(".zip"):
                    count = import_zip(raw)
                else:
                    count = import_json(raw, file=upload.name[:100])
            except HsdsImportError as error:
                problems = [str(problem) for problem in error.errors]
            else:
                messages.success(request, _("%(count)d services were imported.") % {"count": count})
                return redirect("directory:exchange")
        status = 400
    context = {"problems": problems, "form_errors": problems}
    return render(request, "directory/exchange.html", context, status=status)


@login_required
def exchange_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if not request.user.is_secretariat or fmt not in ("json", "zip"):
        raise Http404
    services = Service.objects.published()
    if fmt == "zip":
        response = HttpResponse(export_zip(services), content_type="application/zip")
    else:
        body = json.dumps(export_services(services), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="frirum-directory-hsds.{fmt}"'
    return response
