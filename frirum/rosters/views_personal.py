"""My shifts, offers, notices and settings; the calendar feeds (no sign-in: the token is the key)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from frirum.rosters import feeds
from frirum.rosters.access import get_feed_owner, get_feed_site
from frirum.rosters.forms import ProfileForm
from frirum.rosters.hours import own_hours
from frirum.rosters.models import Notification
from frirum.rosters.notifications import message
from frirum.rosters.profile import (
    mark_read,
    new_feed_token,
    profile_of,
    revoke_feed_token,
    save_preferences,
)
from frirum.rosters.selectors import my_assignments, released_shifts_for
from frirum.rosters.views_manage import requested_year
from frirum.volunteers.access import is_chief_of, sites_led_by
from frirum.volunteers.qualifications import qualifications_of
from frirum.volunteers.selectors import own_paths

NOTICES_SHOWN = 20


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    user = request.user
    profile = profile_of(user)
    form = ProfileForm(
        request.POST if request.POST.get("form") == "profile" else None, instance=profile
    )
    if request.method == "POST":
        what = request.POST.get("form")
        if what == "profile" and form.is_valid():
            save_preferences(user=user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("rosters:mine")
        if what == "new_feed":
            new_feed_token(user=user)
            messages.success(
                request, _("Your calendar has a new address; the old one no longer works.")
            )
            return redirect("rosters:mine")
        if what == "revoke_feed":
            revoke_feed_token(user=user)
            messages.success(request, _("The calendar address no longer works."))
            return redirect("rosters:mine")
    today = timezone.localdate()
    notices = list(
        Notification.objects.filter(user=user).select_related("shift__site", "actor")[
            :NOTICES_SHOWN
        ]
    )
    for notice in notices:
        notice.text = message(notice.kind, notice.shift, notice.actor)
    mark_read(user=user, notifications=notices)
    chief_sites = [
        m.site
        for m in user.memberships.select_related("site").filter(is_active=True)
        if is_chief_of(user, m.site) and m.role == "centre_chief"
    ]
    return render(
        request,
        "rosters/mine.html",
        {
            "assignments": my_assignments(user, today, today + dt.timedelta(days=120)),
            "offers": released_shifts_for(user, today),
            "notices": notices,
            "form": form,
            "profile": profile,
            "chief_sites": chief_sites,
            "qualifications": qualifications_of(user, today),
            # Their own path only: the page is always the signed-in user's.
            "paths": own_paths(user),
            "leads_sites": bool(sites_led_by(user)),
            "sites": [
                m.site for m in user.memberships.select_related("site").filter(is_active=True)
            ],
        },
    )


@login_required
def my_hours(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own hours, over every site: no id in the address, so nobody
    reaches another's."""
    year = requested_year(request)
    return render(
        request,
        "rosters/my_hours.html",
        {"year": year, "hours": own_hours(request.user, year)},
    )


def _ics(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # A private address: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    return _ics(feeds.personal_feed(get_feed_owner(token)))


@never_cache
def site_feed(request: HttpRequest, token: str, site_code: str) -> HttpResponse:
    _user, site = get_feed_site(token, site_code)
    return _ics(feeds.site_feed(site))
