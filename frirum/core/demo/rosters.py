"""The demo's rosters (frirum.rosters): shifts at every demo site from the first of January
of last year to half a year ahead, made from the opening hours like the real thing, with
people on them, attendance in the past and some understaffed days (more in the summer) so the
chief's warnings, the hours pages and last year's annual report have something to show."""

import datetime as dt

from frirum.accounts.models import Role
from frirum.core.demo.base import DemoRandom
from frirum.core.demo.people import ON_LEAVE_DAYS
from frirum.rosters.generation import planned_shifts
from frirum.rosters.models import Assignment, Shift, ShiftTemplate
from frirum.sites.models import OpeningHours, Site
from frirum.volunteers.models import Qualification, QualificationGrant
from frirum.volunteers.qualifications import qualified_user_ids

# A shift short of its minimum this often: the realistic gaps; more in July, when
# volunteers are on holiday.
GAP_CHANCE = 0.12
SUMMER_GAP_CHANCE = 0.3
# A past shift: the chief confirmed it, or marked the person absent; the rest is left
# unconfirmed (a conversation registered that day still counts it).
ATTENDED_CHANCE = 0.9
ABSENT_CHANCE = 0.03
AHEAD_DAYS = 183
ONE_DAY = dt.timedelta(days=1)


def _employed_qualified(staff_by_site: dict, today: dt.date) -> None:
    """Employed counsellors and chiefs counsel and supervise: the secretariat grants it."""
    quals = {
        q.code: q
        for q in Qualification.objects.filter(
            code__in=("approved_counsellor", "supervisor_on_duty")
        )
    }
    seen, grants = set(), []
    for roles in staff_by_site.values():
        for role in (Role.EMPLOYED_COUNSELLOR, Role.CENTRE_CHIEF):
            for user in roles[role]:
                if user.pk in seen:
                    continue
                seen.add(user.pk)
                grants.append(
                    QualificationGrant(
                        user=user,
                        qualification=quals["approved_counsellor"],
                        granted_on=today - dt.timedelta(days=900),
                    )
                )
                grants.append(
                    QualificationGrant(
                        user=user,
                        qualification=quals["supervisor_on_duty"],
                        granted_on=today - dt.timedelta(days=100),
                        expires_on=today + dt.timedelta(days=265),
                    )
                )
    QualificationGrant.objects.bulk_create(grants)


def build_rosters(
    rng: DemoRandom, *, sites: dict[str, Site], staff_by_site: dict, today: dt.date
) -> int:
    """Returns the number of shifts made."""
    _employed_qualified(staff_by_site, today)
    approved = Qualification.objects.get(code="approved_counsellor")
    start = dt.date(today.year - 1, 1, 1)
    end = today + dt.timedelta(days=AHEAD_DAYS)
    shifts: list[Shift] = []
    for site in sites.values():
        weekdays = sorted(
            set(OpeningHours.objects.filter(site=site).values_list("weekday", flat=True))
        )
        for weekday in weekdays:
            template = ShiftTemplate.objects.create(
                site=site, weekday=weekday, label="Rådgivere", min_counsellors=2, max_counsellors=3
            )
            template.required.add(approved)
        shifts += planned_shifts(site, start, end)
    Shift.objects.bulk_create(shifts)

    on_leave_from = today - dt.timedelta(days=ON_LEAVE_DAYS)
    assignments = []
    for code, site in sites.items():
        staff = [u for roles in staff_by_site[code].values() for u in roles]
        # Those still in training hold no approval and drop out below; those on leave now
        # stood on shifts before their leave.
        people = [u.pk for u in staff]
        counselling = {u.pk for u in staff if getattr(u, "counsels", True)}
        left_on = {u.pk: u.left_on for u in staff if getattr(u, "left_on", None)}
        pools = _monthly_pools(people, approved, start, end)
        for shift in (s for s in shifts if s.site_id == site.pk):
            pool = pools[(shift.date.year, shift.date.month)]
            if shift.date >= on_leave_from:
                pool = [uid for uid in pool if uid in counselling]
            if left_on:
                pool = [uid for uid in pool if shift.date < left_on.get(uid, shift.date + ONE_DAY)]
            if not pool:
                continue
            gap = SUMMER_GAP_CHANCE if shift.date.month == 7 else GAP_CHANCE
            wanted = (
                shift.min_counsellors - 1
                if rng.chance(gap)
                else rng.randint(shift.min_counsellors, shift.max_counsellors)
            )
            for user_id in rng.sample(pool, min(wanted, len(pool))):
                assignments.append(
                    Assignment(
                        shift=shift, user_id=user_id, attended=_attendance(rng, shift, today)
                    )
                )
    Assignment.objects.bulk_create(assignments)
    return len(shifts)


def _monthly_pools(people, approved, start: dt.date, end: dt.date) -> dict:
    """{(year, month): sorted ids of those approved on the month's first day}: a volunteer
    approved last spring is on no shift before it. One query a month."""
    pools = {}
    month = dt.date(start.year, start.month, 1)
    while month < end:
        pools[(month.year, month.month)] = sorted(qualified_user_ids(people, [approved], month))
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return pools


def _attendance(rng: DemoRandom, shift: Shift, today: dt.date) -> bool | None:
    if shift.date >= today:
        return None
    if rng.chance(ATTENDED_CHANCE):
        return True
    return False if rng.chance(ABSENT_CHANCE / (1 - ATTENDED_CHANCE)) else None
