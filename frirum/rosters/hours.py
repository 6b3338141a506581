"""Attended hours from the roster: planned is not enough. A shift counts when the chief
confirmed attendance, or, unconfirmed, when the person is a counsellor on a conversation
registered at the site that day. A chief's "absent" always wins."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from frirum.contacts.models import Contact
from frirum.rosters.models import Assignment


@dataclass
class HoursRow:
    user: object
    site: object
    shifts: int = 0
    hours: float = 0.0


def _attended(assignments, last: dt.date):
    """Of these assignments, the attended ones up to `last` (never after today: a shift still
    to come is planned, not attended)."""
    through = Contact.counsellors.through
    registered = through.objects.filter(
        user_id=OuterRef("user_id"),
        contact__site_id=OuterRef("shift__site_id"),
        contact__date=OuterRef("shift__date"),
    )
    return assignments.filter(shift__date__lte=min(last, timezone.localdate())).filter(
        Q(attended=True) | Q(attended__isnull=True) & Exists(registered)
    )


def attended_between(sites, first: dt.date, last: dt.date):
    """The attended assignments on shifts from `first` to `last` at these sites. The reports'
    volunteer figures read this too."""
    return _attended(
        Assignment.objects.filter(shift__site__in=sites, shift__date__gte=first), last
    ).select_related("user", "shift__site")


def attended_assignments(sites, year: int):
    return attended_between(sites, dt.date(year, 1, 1), dt.date(year, 12, 31))


def hours_by_volunteer(sites, year: int) -> list[HoursRow]:
    """Per person and site, the attended shifts and hours (true durations across DST)."""
    rows: dict[tuple[int, int], HoursRow] = {}
    for a in attended_assignments(sites, year):
        key = (a.user_id, a.shift.site_id)
        row = rows.setdefault(key, HoursRow(a.user, a.shift.site))
        row.shifts += 1
        row.hours += a.shift.hours
    return sorted(rows.values(), key=lambda r: (r.site.name, r.user.full_name))


def hours_by_site(sites, year: int) -> dict[int, float]:
    totals: dict[int, float] = defaultdict(float)
    for row in hours_by_volunteer(sites, year):
        totals[row.site.pk] += row.hours
    return dict(totals)


@dataclass
class PersonHours:
    user: object
    sites: list = field(default_factory=list)
    shifts: int = 0
    hours: float = 0.0


def hours_across_sites(sites, year: int) -> tuple[list[PersonHours], list[HoursRow]]:
    """(per person over all the sites, per site) for a chief of several sites (a hub and its
    satellites) or the secretariat: a volunteer at the hub and a satellite is one person
    with one total, and counted once in each site's total."""
    people: dict[int, PersonHours] = {}
    per_site: dict[int, HoursRow] = {site.pk: HoursRow(None, site) for site in sites}
    for row in hours_by_volunteer(sites, year):
        person = people.setdefault(row.user.pk, PersonHours(row.user))
        person.sites.append(row.site)
        person.shifts += row.shifts
        person.hours += row.hours
        site_row = per_site[row.site.pk]
        site_row.shifts += row.shifts
        site_row.hours += row.hours
    return sorted(people.values(), key=lambda p: p.user.full_name), list(per_site.values())


@dataclass
class OwnRow:
    """Planned (on the roster, whatever happened) and attended shifts and hours."""

    label: object
    planned_shifts: int = 0
    planned_hours: float = 0.0
    shifts: int = 0
    hours: float = 0.0

    def add(self, hours: float, attended: bool) -> None:
        self.planned_shifts += 1
        self.planned_hours += hours
        if attended:
            self.shifts += 1
            self.hours += hours


@dataclass
class OwnHours:
    months: list[OwnRow]
    sites: list[OwnRow]
    total: OwnRow


def own_hours(user, year: int) -> OwnHours:
    """One person's year over every site they stood at: per month (all twelve) and per site.
    Two queries: the planned shifts, and which of them were attended."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    planned = Assignment.objects.filter(
        user=user, shift__date__gte=first, shift__date__lte=last
    ).select_related("shift__site")
    attended = set(_attended(planned, last).values_list("pk", flat=True))
    months = [OwnRow(dt.date(year, month, 1)) for month in range(1, 13)]
    sites: dict[int, OwnRow] = {}
    total = OwnRow(year)
    for a in planned:
        hours, done = a.shift.hours, a.pk in attended
        months[a.shift.date.month - 1].add(hours, done)
        sites.setdefault(a.shift.site_id, OwnRow(a.shift.site)).add(hours, done)
        total.add(hours, done)
    return OwnHours(months, sorted(sites.values(), key=lambda r: r.label.name), total)
