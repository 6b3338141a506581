"""Reading rosters: a month's days, understaffed days ahead, who may take a shift."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from frirum.accounts.models import Membership, Role, User
from frirum.rosters.models import Assignment, Shift
from frirum.sites.models import Site
from frirum.volunteers.qualifications import qualified_user_ids

# Who stands on shifts: counsellors of every kind; a chief may also take a shift.
ROSTER_ROLES = (
    Role.VOLUNTEER_COUNSELLOR,
    Role.EMPLOYED_COUNSELLOR,
    Role.PEER_VOLUNTEER,
    Role.CENTRE_CHIEF,
    Role.SECONDED_MUNICIPAL,
    Role.SECONDED_PSYCHIATRY,
)


def shifts_with_people(sites, start: dt.date, end: dt.date):
    """Shifts from start up to (not including) end, with their people and required
    qualifications prefetched: three queries whatever the number of shifts."""
    return (
        Shift.objects.filter(site__in=sites, date__gte=start, date__lt=end)
        .select_related("site", "template")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("user", "taker").order_by(
                    "user__full_name"
                ),
            ),
            "template__required",
        )
        .order_by("date", "starts", "template__label")
    )


@dataclass
class RosterDay:
    date: dt.date
    shifts: list = field(default_factory=list)

    @property
    def understaffed(self) -> bool:
        return any(s.understaffed for s in self.shifts)


def _annotate(shift: Shift) -> Shift:
    people = list(shift.assignments.all())
    shift.people = people
    shift.staffed = len(people)
    shift.understaffed = shift.staffed < shift.min_counsellors
    shift.full = shift.staffed >= shift.max_counsellors
    return shift


def month_days(site: Site, year: int, month: int) -> list[RosterDay]:
    start = dt.date(year, month, 1)
    end = dt.date(year + month // 12, month % 12 + 1, 1)
    days: dict[dt.date, RosterDay] = {}
    for shift in shifts_with_people([site], start, end):
        days.setdefault(shift.date, RosterDay(shift.date)).shifts.append(_annotate(shift))
    return list(days.values())


def understaffed_days(sites, start: dt.date, end: dt.date) -> list[tuple[Site, RosterDay]]:
    """The days below their minimum at these sites, in date order: the chief's warning list."""
    by_day: dict[tuple[int, dt.date], RosterDay] = {}
    site_of = {}
    for shift in shifts_with_people(sites, start, end):
        key = (shift.site_id, shift.date)
        site_of[key] = shift.site
        by_day.setdefault(key, RosterDay(shift.date)).shifts.append(_annotate(shift))
    return sorted(
        ((site_of[k], d) for k, d in by_day.items() if d.understaffed),
        key=lambda pair: (pair[1].date, pair[0].name),
    )


def week_overview(sites, start: dt.date, weeks: int) -> list[dict]:
    """Per week from `start` (a Monday): shifts, understaffed shifts and days."""
    end = start + dt.timedelta(weeks=weeks)
    rows = [
        {"start": start + dt.timedelta(weeks=i), "shifts": 0, "understaffed": 0, "days": set()}
        for i in range(weeks)
    ]
    for shift in shifts_with_people(sites, start, end):
        row = rows[(shift.date - start).days // 7]
        _annotate(shift)
        row["shifts"] += 1
        if shift.understaffed:
            row["understaffed"] += 1
            row["days"].add((shift.site_id, shift.date))
    for row in rows:
        row["understaffed_days"] = len(row.pop("days"))
    return rows


def busy_user_ids(shift: Shift, user_ids) -> set[int]:
    """Of these users, those already on a shift that overlaps this one (any site)."""
    return set(
        Assignment.objects.filter(
            user_id__in=list(user_ids),
            shift__date=shift.date,
            shift__starts__lt=shift.ends,
            shift__ends__gt=shift.starts,
        )
        .exclude(shift=shift)
        .values_list("user_id", flat=True)
    )


def roster_member_ids(site: Site) -> set[int]:
    return set(
        Membership.objects.filter(
            site=site, is_active=True, role__in=ROSTER_ROLES, user__is_active=True
        ).values_list("user_id", flat=True)
    )


def eligible_user_ids(shift: Shift, user_ids=None) -> set[int]:
    """Active members of the shift's site (or these users among them) who hold its required
    qualifications that day, are not on it and not on another shift at the same time."""
    members = roster_member_ids(shift.site)
    if user_ids is not None:
        members &= set(user_ids)
    members -= set(shift.assignments.values_list("user_id", flat=True))
    members = qualified_user_ids(members, shift.template.required.all(), shift.date)
    return members - busy_user_ids(shift, members)


def candidates(shift: Shift) -> list[User]:
    """Who may be offered (or assigned) the shift, by name."""
    return list(User.objects.filter(pk__in=eligible_user_ids(shift)).order_by("full_name"))


def released_shifts_for(user: User, start: dt.date) -> list[Assignment]:
    """Released shifts from `start` on at the user's sites that the user may take."""
    site_ids = Membership.objects.filter(user=user, is_active=True, role__in=ROSTER_ROLES).values(
        "site_id"
    )
    offers = (
        Assignment.objects.filter(
            Q(taker__isnull=True),
            released_at__isnull=False,
            shift__site_id__in=site_ids,
            shift__date__gte=start,
        )
        .exclude(user=user)
        .select_related("shift__site", "shift__template", "user")
    )
    return [a for a in offers if user.pk in eligible_user_ids(a.shift, [user.pk])]


def my_assignments(user: User, start: dt.date, end: dt.date):
    return (
        Assignment.objects.filter(user=user, shift__date__gte=start, shift__date__lt=end)
        .select_related("shift__site", "shift__template", "taker")
        .order_by("shift__date", "shift__starts")
    )


def understaffed_day_count(site: Site, days: int = 14, start: dt.date | None = None) -> int:
    """How many of the site's next `days` days have a shift below its minimum: one query,
    for the chief's dashboard."""
    from django.db.models import Count, F
    from django.utils import timezone

    start = start or timezone.localdate()
    return (
        Shift.objects.filter(site=site, date__gte=start, date__lt=start + dt.timedelta(days=days))
        .annotate(people=Count("assignments"))
        .filter(people__lt=F("min_counsellors"))
        .values("date")
        .distinct()
        .count()
    )
