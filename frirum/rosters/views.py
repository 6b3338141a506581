"""The roster's month and a shift: everyone on the site's team signs up, releases and takes
over here; the chief also assigns, approves take-overs and confirms attendance."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frirum.accounts.models import User
from frirum.lib.params import parse_int
from frirum.rosters import actions
from frirum.rosters.access import (
    get_assignment_for_user,
    get_roster_site_for_user,
    get_shift_for_user,
)
from frirum.rosters.selectors import candidates, month_days
from frirum.volunteers.access import is_chief_of


@login_required
def month(
    request: HttpRequest, site_code: str, year: int | None = None, month: int | None = None
) -> HttpResponse:
    site = get_roster_site_for_user(request, site_code)
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = dt.date(year, month, 1)
    previous = first - dt.timedelta(days=1)
    following = first + dt.timedelta(days=32)
    days = month_days(site, year, month)
    return render(
        request,
        "rosters/month.html",
        {
            "current_site": site,
            "first": first,
            "previous": previous,
            "following": following,
            "days": days,
            "understaffed": sum(1 for d in days if d.understaffed and d.date >= today),
            "is_chief": is_chief_of(request.user, site),
            "today": today,
        },
    )


@login_required
def shift_detail(request: HttpRequest, site_code: str, shift_id: int) -> HttpResponse:
    shift = get_shift_for_user(request, site_code, shift_id)
    is_chief = is_chief_of(request.user, shift.site)
    people = list(shift.assignments.select_related("user", "taker").order_by("user__full_name"))
    mine = next((a for a in people if a.user_id == request.user.pk), None)
    return render(
        request,
        "rosters/shift.html",
        {
            "current_site": shift.site,
            "shift": shift,
            "people": people,
            "mine": mine,
            "required": list(shift.template.required.all()),
            "candidates": candidates(shift) if is_chief else [],
            "is_chief": is_chief,
            "past": shift.date < timezone.localdate(),
            "today": timezone.localdate(),
        },
    )


def _done(request, shift, call, success: str) -> HttpResponse:
    """Runs an action; a broken rule is shown as a message on the shift's page."""
    try:
        call()
    except ValidationError as e:
        for text in e.messages:
            messages.error(request, text)
    else:
        messages.success(request, success)
    return redirect("rosters:shift", shift.site.code, shift.pk)


@require_POST
@login_required
def sign_up(request: HttpRequest, site_code: str, shift_id: int) -> HttpResponse:
    shift = get_shift_for_user(request, site_code, shift_id)
    user = request.user
    if request.POST.get("user"):
        # Assigning someone else is the chief's; the candidate must be on the site's team,
        # which the action checks.
        if not is_chief_of(request.user, shift.site):
            raise Http404
        user_id = parse_int(request.POST["user"], minimum=1, maximum=2**31 - 1)
        user = User.objects.filter(pk=user_id).first() if user_id else None
        if user is None:
            raise Http404
    return _done(
        request,
        shift,
        lambda: actions.sign_up(actor=request.user, shift=shift, user=user),
        _("%(name)s is on the shift.") % {"name": user.full_name},
    )


@require_POST
@login_required
def change(request: HttpRequest, site_code: str, assignment_id: int, what: str) -> HttpResponse:
    assignment = get_assignment_for_user(request, site_code, assignment_id)
    shift, actor = assignment.shift, request.user
    chief_only = {"remove", "approve", "refuse", "attended", "absent"}
    if what in chief_only and not is_chief_of(actor, shift.site):
        raise Http404
    calls = {
        "release": (
            lambda: actions.release(actor=actor, assignment=assignment),
            _("The shift is released. It stays yours until a colleague takes it."),
        ),
        "withdraw": (
            lambda: actions.withdraw_release(actor=actor, assignment=assignment),
            _("The shift is yours again."),
        ),
        "take": (
            lambda: actions.take_over(actor=actor, assignment=assignment),
            _("Done. You are told when the shift is yours."),
        ),
        "remove": (
            lambda: actions.remove(actor=actor, assignment=assignment),
            _("Taken off the shift."),
        ),
        "approve": (
            lambda: actions.decide_take_over(actor=actor, assignment=assignment, approve=True),
            _("The take-over is approved."),
        ),
        "refuse": (
            lambda: actions.decide_take_over(actor=actor, assignment=assignment, approve=False),
            _("The take-over is refused."),
        ),
        "attended": (
            lambda: actions.confirm_attendance(actor=actor, assignment=assignment, attended=True),
            _("Attendance confirmed."),
        ),
        "absent": (
            lambda: actions.confirm_attendance(actor=actor, assignment=assignment, attended=False),
            _("Marked as absent."),
        ),
    }
    if what not in calls:
        raise Http404
    call, success = calls[what]
    return _done(request, shift, call, success)
