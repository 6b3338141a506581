"""The chief's page for a site's opening hours and closed days (the workspace side)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from frirum.sites import actions
from frirum.sites.access import (
    get_closed_day_for_user,
    get_opening_hours_for_user,
    get_schedule_site_for_user,
)
from frirum.sites.forms import ClosedDayForm, PublicSettingsForm, WeeklyHoursForm
from frirum.sites.models import ClosedDay
from frirum.sites.schedule import local_date


def _apply(form, write) -> bool:
    """Runs the write; its validation errors go next to the form's fields."""
    try:
        write(**form.cleaned_data)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_schedule_site_for_user(request, site_code)
    posted = request.POST.get("form") if request.method == "POST" else None
    weekly_form = WeeklyHoursForm(request.POST if posted == "weekly" else None, prefix="weekly")
    closed_form = ClosedDayForm(request.POST if posted == "closed" else None, prefix="closed")
    public_form = PublicSettingsForm(
        request.POST if posted == "public" else None,
        prefix="public",
        initial={field: getattr(site, field) for field in actions.PUBLIC_FIELDS},
    )
    if posted == "public" and public_form.is_valid():
        if _apply(
            public_form,
            lambda **data: actions.update_public_settings(site=site, actor=request.user, **data),
        ):
            messages.success(request, _("The public page's settings were saved."))
            return redirect("sites:schedule", site_code=site.code)
    if posted == "weekly" and weekly_form.is_valid():
        if _apply(
            weekly_form,
            lambda **data: actions.add_opening_hours(site=site, actor=request.user, **data),
        ):
            messages.success(request, _("The opening hours were added."))
            return redirect("sites:schedule", site_code=site.code)
    if posted == "closed" and closed_form.is_valid():
        if _apply(
            closed_form,
            lambda **data: actions.add_closed_day(site=site, actor=request.user, **data),
        ):
            messages.success(request, _("The closed days were added."))
            return redirect("sites:schedule", site_code=site.code)
    today = local_date(timezone.now())
    context = {
        "current_site": site,
        "site": site,
        "weekly": list(site.opening_hours.all()),
        "closed_days": list(
            ClosedDay.objects.filter(site=site, date__gte=today - dt.timedelta(days=30))
        ),
        "weekly_form": weekly_form,
        "closed_form": closed_form,
        "public_form": public_form,
        "today": today,
    }
    status = 400 if posted in ("weekly", "closed", "public") else 200
    return render(request, "sites/schedule.html", context, status=status)


@login_required
@require_POST
def delete_hours(request: HttpRequest, site_code: str, pk: int) -> HttpResponse:
    row = get_opening_hours_for_user(request, site_code, pk)
    actions.delete_opening_hours(row=row, actor=request.user)
    messages.success(request, _("The opening hours were removed."))
    return redirect("sites:schedule", site_code=site_code)


@login_required
@require_POST
def delete_closed_day(request: HttpRequest, site_code: str, pk: int) -> HttpResponse:
    closed = get_closed_day_for_user(request, site_code, pk)
    actions.delete_closed_day(closed=closed, actor=request.user)
    messages.success(request, _("The closed day was removed."))
    return redirect("sites:schedule", site_code=site_code)
