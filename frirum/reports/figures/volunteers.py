"""The volunteer figure of the annual and national reports: volunteers counselling, new,
left, attended hours and the share of opening days fully staffed, from frirum.volunteers'
paths and frirum.rosters' shifts. docs/figures.md defines it."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.utils import timezone

from frirum.reports.figures.common import share
from frirum.rosters.hours import attended_between
from frirum.rosters.models import Shift
from frirum.volunteers.models import PathStep, Step, VolunteerPath

# The steps at which a volunteer counsels: "active" in the report.
COUNSELLING_STEPS = (Step.APPROVED, Step.ACTIVE)


def has_volunteers(site_ids) -> bool:
    """Whether the sites ever had a volunteer path or a rostered shift: an annual report
    of a site without either has no volunteer figure (and no section)."""
    return (
        VolunteerPath.objects.filter(site_id__in=site_ids).exists()
        or Shift.objects.filter(site_id__in=site_ids).exists()
    )


def volunteer_figures(site_ids, period: tuple[dt.date, dt.date]) -> dict:
    """`volunteers` over the sites in the period (a year, or a year up to `until`).

    - active: paths whose latest step on the period's last day is approved or active;
    - new: paths that reached "approved" in the period; left: that reached "left" in it;
    - hours: attended hours (frirum.rosters.hours: confirmed by the chief, or unconfirmed
      with a conversation registered by the person at the site that day; never a day to
      come), true durations across daylight-saving changes, to one decimal;
    - attending: the people behind those hours (what the presented hours are hidden by);
    - rostered_days / fully_staffed_days: the site-days with shifts in the period up to
      today, and those where every shift had at least its minimum of people on it (a
      released shift stays its holder's until a colleague takes it, so it still counts);
    - fully_staffed_share: fully_staffed_days / rostered_days (0 without rostered days).
    """
    site_ids = list(site_ids)
    first, last = period
    latest: dict[int, str] = {}
    new, left = set(), set()
    steps = (
        PathStep.objects.filter(path__site_id__in=site_ids, on__lte=last)
        .order_by("on", "id")
        .values_list("path_id", "step", "on")
    )
    for path_id, step, on in steps:
        latest[path_id] = step
        if on >= first and step == Step.APPROVED:
            new.add(path_id)
        if on >= first and step == Step.LEFT:
            left.add(path_id)

    attended = list(attended_between(site_ids, first, last))
    hours = sum(a.shift.hours for a in attended)

    # A day to come is not yet staffed or not: only the days up to today count.
    shown_last = min(last, timezone.localdate())
    days: dict[tuple[int, dt.date], bool] = defaultdict(lambda: True)
    shifts = (
        Shift.objects.filter(site_id__in=site_ids, date__gte=first, date__lte=shown_last)
        .annotate(people=Count("assignments"))
        .values_list("site_id", "date", "people", "min_counsellors")
    )
    for site_id, date, people, minimum in shifts:
        days[(site_id, date)] = days[(site_id, date)] and people >= minimum
    staffed = sum(days.values())
    return {
        "active": sum(1 for step in latest.values() if step in COUNSELLING_STEPS),
        "new": len(new),
        "left": len(left),
        "hours": round(hours, 1),
        "attending": len({a.user_id for a in attended}),
        "rostered_days": len(days),
        "fully_staffed_days": staffed,
        "fully_staffed_share": share(staffed, len(days)),
    }
