"""The chief's pages: shift templates and generation, the weeks ahead, attended hours."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.rosters.access import (
    get_chief_roster_site_for_user,
    get_led_sites_for_user,
    get_template_for_user,
)
from frirum.rosters.forms import GenerateForm, RosterSettingsForm, ShiftTemplateForm
from frirum.rosters.generation import generate_shifts, retire_template, save_template
from frirum.rosters.hours import hours_across_sites, hours_by_volunteer
from frirum.rosters.models import RosterSettings, ShiftTemplate
from frirum.rosters.selectors import understaffed_days, week_overview
from frirum.sites.schedule import week_start

WEEKS_AHEAD = 8


@login_required
def templates(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_chief_roster_site_for_user(request, site_code)
    settings_row = RosterSettings.objects.filter(site=site).first() or RosterSettings(site=site)
    which = request.POST.get("form")
    template_form = ShiftTemplateForm(
        request.POST if which == "template" else None, prefix="template"
    )
    today = timezone.localdate()
    generate_form = GenerateForm(
        request.POST if which == "generate" else None,
        prefix="generate",
        initial={"start": today, "end": today + dt.timedelta(days=90)},
    )
    settings_form = RosterSettingsForm(
        request.POST if which == "settings" else None, instance=settings_row, prefix="settings"
    )
    if request.method == "POST":
        if which == "template" and template_form.is_valid():
            save_template(actor=request.user, form=template_form, site=site)
            messages.success(request, _("The template is added."))
            return redirect("rosters:templates", site.code)
        if which == "generate" and generate_form.is_valid():
            data = generate_form.cleaned_data
            n = generate_shifts(
                actor=request.user,
                site=site,
                start=data["start"],
                end=data["end"] + dt.timedelta(days=1),
            )
            messages.success(request, _("%(n)d new shifts.") % {"n": n})
            return redirect("rosters:month", site.code, data["start"].year, data["start"].month)
        if which == "settings" and settings_form.is_valid():
            _save_settings(request.user, settings_form, site)
            messages.success(request, _("Saved."))
            return redirect("rosters:templates", site.code)
    rows = ShiftTemplate.objects.filter(site=site).prefetch_related("required")
    return render(
        request,
        "rosters/templates.html",
        {
            "current_site": site,
            "rows": rows,
            "template_form": template_form,
            "generate_form": generate_form,
            "settings_form": settings_form,
        },
    )


@transaction.atomic
def _save_settings(actor, form, site) -> None:
    # The form has already written its values onto its instance: the state before is the
    # stored row's.
    stored = (
        RosterSettings.objects.filter(pk=form.instance.pk).first() if form.instance.pk else None
    )
    before = snapshot(stored) if stored else None
    row = form.save()
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        instance=row,
        site=site,
        before=before,
        after=snapshot(row),
    )


@require_POST
@login_required
def delete_template(request: HttpRequest, site_code: str, template_id: int) -> HttpResponse:
    template = get_template_for_user(request, site_code, template_id)
    retire_template(actor=request.user, template=template)
    messages.success(request, _("The template is ended; shifts with people on them are kept."))
    return redirect("rosters:templates", template.site.code)


@login_required
def weeks(request: HttpRequest, site_code: str) -> HttpResponse:
    """The weeks ahead at the site and its satellites: understaffed days first."""
    site = get_chief_roster_site_for_user(request, site_code)
    sites = [site, *site.satellites.all()]
    start = week_start(timezone.localdate())
    end = start + dt.timedelta(weeks=WEEKS_AHEAD)
    return render(
        request,
        "rosters/weeks.html",
        {
            "current_site": site,
            "rows": week_overview(sites, start, WEEKS_AHEAD),
            "understaffed": understaffed_days(sites, timezone.localdate(), end),
        },
    )


def requested_year(request: HttpRequest) -> int:
    """?year=, this year when missing or not a number; 404 far outside any roster."""
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Http404
    return year


@login_required
def hours(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_chief_roster_site_for_user(request, site_code)
    year = requested_year(request)
    rows = hours_by_volunteer([site], year)
    return render(
        request,
        "rosters/hours.html",
        {
            "current_site": site,
            "rows": rows,
            "year": year,
            "total": sum(r.hours for r in rows),
            "shifts": sum(r.shifts for r in rows),
        },
    )


@login_required
def hours_all(request: HttpRequest) -> HttpResponse:
    """Hours over every site the user leads: a hub's chief their hub and satellites, the
    secretariat the network."""
    sites = get_led_sites_for_user(request)
    year = requested_year(request)
    people, per_site = hours_across_sites(sites, year)
    return render(
        request,
        "rosters/hours_all.html",
        {
            "people": people,
            "per_site": per_site,
            "year": year,
            "total": sum(row.hours for row in per_site),
            "shifts": sum(row.shifts for row in per_site),
        },
    )
