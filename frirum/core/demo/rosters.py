"""The demo's rosters (frirum.rosters): a year of shifts at every demo site, half behind and
half ahead of today, made from the opening hours like the real thing, with people on them,
attendance in the past and some understaffed days so the chief's warnings have something to
show."""

import datetime as dt

from frirum.accounts.models import Role
from frirum.core.demo.base import DemoRandom
from frirum.rosters.generation import planned_shifts
from frirum.rosters.models import Assignment, Shift, ShiftTemplate
from frirum.sites.models import OpeningHours, Site
from frirum.volunteers.models import Qualification, QualificationGrant
from frirum.volunteers.qualifications import qualified_user_ids

# A shift short of its minimum this often: the realistic gaps.
GAP_CHANCE = 0.12
ATTENDED_CHANCE = 0.92


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
    start, end = today - dt.timedelta(days=182), today + dt.timedelta(days=183)
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

    assignments = []
    for code, site in sites.items():
        # Those on leave or still in training take no shifts.
        people = [
            u.pk
            for roles in staff_by_site[code].values()
            for u in roles
            if getattr(u, "counsels", True)
        ]
        site_shifts = [s for s in shifts if s.site_id == site.pk]
        # Who holds the qualification is read once per site, on the middle day.
        pool = sorted(qualified_user_ids(people, [approved], today))
        if not pool:
            continue
        for shift in site_shifts:
            wanted = (
                shift.min_counsellors - 1
                if rng.chance(GAP_CHANCE)
                else rng.randint(shift.min_counsellors, shift.max_counsellors)
            )
            for user_id in rng.sample(pool, min(wanted, len(pool))):
                attended = None
                if shift.date < today:
                    attended = True if rng.chance(ATTENDED_CHANCE) else None
                assignments.append(Assignment(shift=shift, user_id=user_id, attended=attended))
    Assignment.objects.bulk_create(assignments)
    return len(shifts)
