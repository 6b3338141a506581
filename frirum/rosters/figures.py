"""The volunteer figures of a year for a set of sites: the numbers the annual and national
reports' volunteer section will show (with the reports' suppression applied there, like every
other figure; frirum.reports does not show them yet).

- active: volunteers whose path stood at "approved" or "active" at the end of the year (or
  today, for the current year);
- new: approved during the year; left: left during the year;
- hours: attended hours (frirum.rosters.hours);
- fully staffed: of the year's past rostered opening days, the share where every shift had
  at least its minimum on it.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.utils import timezone

from frirum.rosters.hours import hours_by_volunteer
from frirum.rosters.models import Shift
from frirum.volunteers.models import PathStep, Step

COUNSELLING_STEPS = (Step.APPROVED, Step.ACTIVE)


def volunteer_figures(sites, year: int) -> dict:
    sites = list(sites)
    end = min(dt.date(year, 12, 31), timezone.localdate())
    start = dt.date(year, 1, 1)
    latest: dict[int, str] = {}
    new, left = set(), set()
    steps = (
        PathStep.objects.filter(path__site__in=sites, on__lte=end)
        .order_by("on", "id")
        .values_list("path_id", "step", "on")
    )
    for path_id, step, on in steps:
        latest[path_id] = step
        if on >= start and step == Step.APPROVED:
            new.add(path_id)
        if on >= start and step == Step.LEFT:
            left.add(path_id)
    days: dict[tuple[int, dt.date], bool] = defaultdict(lambda: True)
    shifts = (
        Shift.objects.filter(site__in=sites, date__gte=start, date__lte=end)
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
        "hours": round(sum(r.hours for r in hours_by_volunteer(sites, year)), 1),
        "rostered_days": len(days),
        "fully_staffed_days": staffed,
        "fully_staffed_share": staffed / len(days) if days else None,
    }
