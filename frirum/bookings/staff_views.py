"""The staff's side of bookings: the coming week, the counsellor's day view beside the
drop-in hours, marking a booking not met, and cancelling (releasing) one."""

import datetime as dt
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frirum.bookings.access import can_mark_bookings, check_may_mark, get_booking_for_user
from frirum.bookings.actions import mark_not_met, release_booking
from frirum.bookings.selectors import day_bookings, week_bookings
from frirum.lib.access import get_site_for_user
from frirum.sites.schedule import calendar, local_date
from frirum.trash.access import can_delete_records, check_may_delete


@login_required
def staff_list(request: HttpRequest, site_code: str) -> HttpResponse:
    """The site's bookings today and the coming week: times and nicknames."""
    site = get_site_for_user(request, site_code)
    today = local_date(timezone.now())
    bookings = week_bookings(site, today)
    days = [
        (date, list(items))
        for date, items in groupby(bookings, key=lambda b: local_date(b.starts_at))
    ]
    context = {
        "current_site": site,
        "site": site,
        "days": days,
        "today": today,
        "now": timezone.now(),
        "may_release": can_delete_records(request.user, site),
    }
    return render(request, "bookings/staff_list.html", context)


def _day_from(value: str | None, today: dt.date) -> dt.date:
    if not value:
        return today
    day = None
    try:
        day = parse_date(value)
    except ValueError:
        pass
    if day is None or abs((day - today).days) > 3660:
        raise Http404
    return day


@login_required
def day_view(request: HttpRequest, site_code: str) -> HttpResponse:
    """One day at the site: the drop-in hours (frirum.sites.schedule) and the day's
    bookings by time and nickname, each to register, mark not met or cancel."""
    site = get_site_for_user(request, site_code)
    now = timezone.now()
    today = local_date(now)
    day = _day_from(request.GET.get("date"), today)
    (schedule,) = calendar(site, day, day + dt.timedelta(days=1))
    bookings = day_bookings(site, day)
    context = {
        "current_site": site,
        "site": site,
        "day": day,
        "today": today,
        "now": now,
        "schedule": schedule,
        "bookings": [b for b in bookings if not b.is_cancelled],
        "cancelled": [b for b in bookings if b.is_cancelled],
        "previous_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "may_mark": can_mark_bookings(request.user, site),
        "may_cancel": can_delete_records(request.user, site),
    }
    return render(request, "bookings/day.html", context)


def _back_to_day(booking) -> HttpResponse:
    day = local_date(booking.starts_at).isoformat()
    return redirect(f"{reverse('bookings:day', args=[booking.site.code])}?date={day}")


@login_required
@require_POST
def not_met(request: HttpRequest, site_code: str, pk: int) -> HttpResponse:
    booking = get_booking_for_user(request, site_code, pk)
    check_may_mark(request.user, booking.site)
    try:
        mark_not_met(booking=booking, actor=request.user, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The booking at %(start)s is marked not met.")
            % {"start": timezone.localtime(booking.starts_at).strftime("%H:%M")},
        )
    return _back_to_day(booking)


@login_required
@require_POST
def release(request: HttpRequest, site_code: str, pk: int) -> HttpResponse:
    """Cancels a booking for the young person, or frees a slot taken by abuse: for those who
    may delete the site's records (403 for the others), and logged."""
    booking = get_booking_for_user(request, site_code, pk)
    check_may_delete(request.user, booking.site)
    try:
        release_booking(booking=booking, actor=request.user, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The time %(start)s is free again.")
            % {"start": timezone.localtime(booking.starts_at).strftime("%d.%m. %H:%M")},
        )
    if request.POST.get("back") == "day":
        return _back_to_day(booking)
    return redirect("bookings:staff_list", site_code=booking.site.code)
