"""Outreach activities: visits where staff talk briefly with unregistered young people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from frirum.audit.selectors import audit_trail
from frirum.contacts.access import get_outreach_for_user
from frirum.contacts.actions import create_outreach, delete_outreach, update_outreach
from frirum.contacts.forms import OutreachForm
from frirum.contacts.selectors import site_outreach, today
from frirum.contacts.views import ContactFilterForm, paginate, querystring_without_page
from frirum.lib.access import get_site_for_user
from frirum.trash.access import check_may_delete


def _add_errors(form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


@login_required
def outreach_list(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    outreach = site_outreach(site)
    # The date fields of the conversation filter; the other fields are ignored here.
    form = ContactFilterForm(request.GET or None, site=site)
    if form.is_bound and form.is_valid():
        if form.cleaned_data["date_from"]:
            outreach = outreach.filter(date__gte=form.cleaned_data["date_from"])
        if form.cleaned_data["date_to"]:
            outreach = outreach.filter(date__lte=form.cleaned_data["date_to"])
    context = {
        "current_site": site,
        "site": site,
        "form": form,
        "total": outreach.aggregate(total=Sum("short_contacts"))["total"] or 0,
        "page": paginate(request, outreach),
        "querystring": querystring_without_page(request),
    }
    return render(request, "contacts/outreach_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def outreach_create(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_site_for_user(request, site_code)
    if request.method == "POST":
        form = OutreachForm(request.POST)
        if form.is_valid():
            try:
                create_outreach(actor=request.user, site=site, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The outreach activity is registered."))
                return redirect("contacts:outreach_list", site.code)
        status = 400
    else:
        form = OutreachForm(initial={"date": today()})
        status = 200
    context = {"current_site": site, "site": site, "form": form, "outreach": None}
    return render(request, "contacts/outreach_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def outreach_edit(request: HttpRequest, code: str) -> HttpResponse:
    outreach = get_outreach_for_user(request, code)
    site = outreach.site
    if request.method == "POST":
        form = OutreachForm(request.POST)
        if form.is_valid():
            try:
                update_outreach(actor=request.user, outreach=outreach, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The outreach activity is saved."))
                return redirect("contacts:outreach_list", site.code)
        status = 400
    else:
        form = OutreachForm(
            initial={
                "date": outreach.date,
                "kind": outreach.kind,
                "short_contacts": outreach.short_contacts,
                "note": outreach.note,
            }
        )
        status = 200
    context = {
        "current_site": site,
        "site": site,
        "form": form,
        "outreach": outreach,
        "trail": audit_trail(outreach),
    }
    return render(request, "contacts/outreach_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def outreach_delete(request: HttpRequest, code: str) -> HttpResponse:
    outreach = get_outreach_for_user(request, code)
    check_may_delete(request.user, outreach.site)
    if request.method == "POST":
        site = outreach.site
        delete_outreach(actor=request.user, outreach=outreach)
        messages.success(request, _("The outreach activity is deleted."))
        return redirect("contacts:outreach_list", site.code)
    context = {"current_site": outreach.site, "site": outreach.site, "outreach": outreach}
    return render(request, "contacts/outreach_confirm_delete.html", context)
