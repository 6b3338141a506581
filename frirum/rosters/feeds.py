"""Calendar feeds (iCalendar): a staff member's own shifts, and a site's roster for its chief.

Events carry the local wall-clock times with the Europe/Copenhagen zone (TZID), so calendar
apps keep a 15:00 shift at 15:00 across the change to summer time."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from frirum.rosters.models import Assignment, Shift
from frirum.rosters.selectors import shifts_with_people
from frirum.sites.schedule import ZONE

# A feed shows the recent past (for hours) and the months ahead.
DAYS_BACK = 60
DAYS_AHEAD = 400


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Frirum//headspace//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(shift: Shift, uid: str, summary: str, description: str, now: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@frirum")
    event.add("dtstamp", now)
    event.add("dtstart", dt.datetime.combine(shift.date, shift.starts, tzinfo=ZONE))
    event.add("dtend", dt.datetime.combine(shift.date, shift.ends, tzinfo=ZONE))
    event.add("summary", summary)
    if shift.site.address:
        event.add("location", shift.site.address)
    if description:
        event.add("description", description)
    return event


def personal_feed(user, now: dt.datetime | None = None) -> bytes:
    now = now or timezone.now()
    today = timezone.localdate()
    calendar = _calendar(_("My shifts"))
    assignments = Assignment.objects.filter(
        user=user,
        shift__date__gte=today - dt.timedelta(days=DAYS_BACK),
        shift__date__lt=today + dt.timedelta(days=DAYS_AHEAD),
    ).select_related("shift__site", "shift__template")
    for a in assignments:
        label = a.shift.template.label or _("Shift")
        summary = f"{label} · {a.shift.site.name}"
        note = _("Released: waiting for a colleague to take it.") if a.released_at else ""
        calendar.add_component(
            _event(a.shift, f"assignment-{a.pk}-{a.user_id}", summary, note, now)
        )
    return calendar.to_ical()


def site_feed(site, now: dt.datetime | None = None) -> bytes:
    now = now or timezone.now()
    today = timezone.localdate()
    calendar = _calendar(_("Roster: %(site)s") % {"site": site.name})
    shifts = shifts_with_people(
        [site], today - dt.timedelta(days=DAYS_BACK), today + dt.timedelta(days=DAYS_AHEAD)
    )
    for shift in shifts:
        people = list(shift.assignments.all())
        label = shift.template.label or _("Shift")
        summary = f"{label} ({len(people)}/{shift.min_counsellors})"
        if len(people) < shift.min_counsellors:
            summary = _("Understaffed: %(shift)s") % {"shift": summary}
        names = ", ".join(a.user.full_name for a in people)
        calendar.add_component(_event(shift, f"shift-{shift.pk}", summary, names, now))
    return calendar.to_ical()
