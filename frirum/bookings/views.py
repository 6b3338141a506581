"""Anonymous booking on a site's public page; seeing, moving and cancelling by code. The
staff's pages are in frirum.bookings.staff_views."""

import datetime as dt
from itertools import groupby

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frirum.bookings import codes, throttle
from frirum.bookings.actions import (
    cancel_booking,
    create_booking,
    find_booking,
    move_booking,
)
from frirum.bookings.forms import BookingForm, CalendarForm, CodeForm, MoveForm
from frirum.bookings.ics import booking_calendar
from frirum.bookings.slots import bookable_slots
from frirum.public.pages import public_page, render_public
from frirum.public.selectors import public_sites
from frirum.sites.models import Site, SiteKind
from frirum.sites.schedule import local_date

POSTING = ("GET", "HEAD", "POST")


def _bookable_site(site_code: str, now: dt.datetime) -> Site:
    site = (
        public_sites(local_date(now))
        .filter(code=site_code, booking_enabled=True)
        .exclude(kind=SiteKind.CHAT)
        .first()
    )
    if site is None:
        raise Http404
    return site


def _limited(request, lang) -> HttpResponse:
    response = render_public(request, lang, "bookings/limited.html", {}, status=429)
    response["Retry-After"] = str(throttle.seconds_left())
    return response


def _cancel_url(request, lang) -> str:
    return request.build_absolute_uri(reverse("bookings:cancel", kwargs={"lang": lang}))


def _show_url(request, lang) -> str:
    return request.build_absolute_uri(reverse("bookings:show", kwargs={"lang": lang}))


@public_page(methods=POSTING, cacheable=False)
def book(request: HttpRequest, lang: str, site_code: str) -> HttpResponse:
    now = timezone.now()
    site = _bookable_site(site_code, now)
    slots = bookable_slots(site, now)
    form = BookingForm(request.POST if request.method == "POST" else None, slots=slots)
    if request.method == "POST" and form.is_valid():
        if not throttle.allow(request, "book"):
            return _limited(request, lang)
        try:
            booking, code = create_booking(
                site=site,
                start_key=form.cleaned_data["slot"],
                now=now,
                nickname=form.cleaned_data["nickname"],
                age=form.cleaned_data["age"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            context = {
                "site": site,
                "booking": booking,
                "code": codes.display(code),
                "cancel_link": f"{_cancel_url(request, lang)}#{codes.display(code)}",
                "show_link": f"{_show_url(request, lang)}#{codes.display(code)}",
                "calendar_form": CalendarForm(initial={"code": code}),
            }
            return render_public(request, lang, "bookings/booked.html", context)
    context = {"site": site, "form": form, "days": _by_day(slots), "chosen": form["slot"].value()}
    status = 400 if form.is_bound else 200
    return render_public(request, lang, "bookings/book.html", context, status)


def _by_day(slots):
    return [
        (date, list(day_slots))
        for date, day_slots in groupby(slots, key=lambda slot: local_date(slot.start))
    ]


def _your_booking(request, lang, booking, code, move_form=None, status=200) -> HttpResponse:
    """The booking of a code in the young person's hand, with its other free times."""
    now = timezone.now()
    active = not booking.is_cancelled and booking.starts_at > now
    slots = [
        slot
        for slot in (bookable_slots(booking.site, now) if active else [])
        if slot.start != booking.starts_at
    ]
    move_form = move_form or MoveForm(initial={"code": code}, slots=slots)
    context = {
        "booking": booking,
        "site": booking.site,
        "active": active,
        "code": code,
        "form": move_form,
        "days": _by_day(slots),
        "chosen": move_form["slot"].value(),
        "calendar_form": CalendarForm(initial={"code": code}),
    }
    return render_public(request, lang, "bookings/show.html", context, status)


def _booking_for_code(request, lang, form):
    """The booking of the form's code; an error next to the field when there is none. A
    code with a typo is not a guess; a well-formed code that is not found is one."""
    code = codes.normalise(form.cleaned_data["code"])
    if not codes.looks_valid(code):
        form.add_error("code", _("The code has a typing error. Check each character."))
        return None, None
    if not throttle.allow(request, "guess"):
        return None, _limited(request, lang)
    booking = find_booking(code)
    if booking is None:
        form.add_error("code", _("We could not find a booking with that code."))
    return booking, None


@public_page(methods=POSTING, cacheable=False)
def cancel(request: HttpRequest, lang: str) -> HttpResponse:
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        booking, limited = _booking_for_code(request, lang, form)
        if limited:
            return limited
        if booking is not None:
            try:
                cancel_booking(booking=booking, now=timezone.now())
            except ValidationError as error:
                form.add_error("code", error.message_dict["code"])
            else:
                return render_public(request, lang, "bookings/cancelled.html", {"booking": booking})
    status = 400 if form.is_bound else 200
    return render_public(request, lang, "bookings/cancel.html", {"form": form}, status)


@public_page(methods=POSTING, cacheable=False)
def show(request: HttpRequest, lang: str) -> HttpResponse:
    """Look up a booking by its code alone: see it, and from here move or cancel it."""
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        booking, limited = _booking_for_code(request, lang, form)
        if limited:
            return limited
        if booking is not None:
            code = codes.display(codes.normalise(form.cleaned_data["code"]))
            return _your_booking(request, lang, booking, code)
    status = 400 if form.is_bound else 200
    return render_public(request, lang, "bookings/lookup.html", {"form": form}, status)


@public_page(methods=("POST",), cacheable=False)
def move(request: HttpRequest, lang: str) -> HttpResponse:
    """Moves the booking of the posted code to the chosen free time at the same site."""
    code_form = CodeForm(request.POST)
    if not code_form.is_valid():
        return render_public(request, lang, "bookings/lookup.html", {"form": code_form}, 400)
    booking, limited = _booking_for_code(request, lang, code_form)
    if limited:
        return limited
    if booking is None:
        return render_public(request, lang, "bookings/lookup.html", {"form": code_form}, 400)
    code = codes.display(codes.normalise(code_form.cleaned_data["code"]))
    now = timezone.now()
    slots = bookable_slots(booking.site, now)
    form = MoveForm(request.POST, slots=slots)
    if form.is_valid():
        old_start = booking.starts_at
        try:
            move_booking(booking=booking, start_key=form.cleaned_data["slot"], now=now)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            context = {
                "booking": booking,
                "old_start": old_start,
                "calendar_form": CalendarForm(initial={"code": code}),
            }
            return render_public(request, lang, "bookings/moved.html", context)
    return _your_booking(request, lang, booking, code, move_form=form, status=400)


@public_page(methods=("POST",), cacheable=False)
def calendar_file(request: HttpRequest, lang: str) -> HttpResponse:
    """The .ics of the booking whose code the young person holds (posted, never in a URL)."""
    form = CalendarForm(request.POST)
    if form.is_valid():
        booking, limited = _booking_for_code(request, lang, form)
        if limited:
            return limited
        if booking is not None and not booking.is_cancelled:
            content = booking_calendar(
                booking,
                code=codes.display(codes.normalise(form.cleaned_data["code"])),
                cancel_url=_cancel_url(request, lang),
                alarm=form.cleaned_data["alarm"],
                now=timezone.now(),
            )
            response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="headspace.ics"'
            return response
    context = {
        "form": CodeForm(),
        "problem": _("We could not make a calendar file for that code. Is it cancelled?"),
    }
    return render_public(request, lang, "bookings/cancel.html", context, 400)
