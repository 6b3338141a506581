"""Reading qualifications: who holds what on a date, with inclusion and expiry.

A qualification is held on a date when a grant of it, or of one that includes it (directly
or through others), was granted on or before that date and has not expired by then.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from frirum.volunteers.models import Qualification, QualificationGrant

# Expiry within this many days shows as a warning on the volunteer's page.
EXPIRY_WARNING_DAYS = 30


def _qualification_id(qualification: Qualification | str | int) -> int | None:
    if isinstance(qualification, Qualification):
        return qualification.pk
    if isinstance(qualification, int):
        return qualification
    return Qualification.objects.filter(code=qualification).values_list("pk", flat=True).first()


def _inclusion_edges() -> list[tuple[int, int]]:
    through = Qualification.includes.through
    return list(through.objects.values_list("from_qualification_id", "to_qualification_id"))


def including_ids(qualification: Qualification | str | int) -> set[int]:
    """The qualification and every one that includes it, transitively (cycles are harmless)."""
    target = _qualification_id(qualification)
    if target is None:
        return set()
    parents: dict[int, set[int]] = defaultdict(set)
    for parent, child in _inclusion_edges():
        parents[child].add(parent)
    found, todo = {target}, [target]
    while todo:
        for parent in parents[todo.pop()]:
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def included_ids(qualification_ids: Iterable[int]) -> set[int]:
    """The qualifications held by holding these: themselves and all they include."""
    children: dict[int, set[int]] = defaultdict(set)
    for parent, child in _inclusion_edges():
        children[parent].add(child)
    found = set(qualification_ids)
    todo = list(found)
    while todo:
        for child in children[todo.pop()]:
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def valid_on(on: dt.date) -> Q:
    return Q(granted_on__lte=on) & (Q(expires_on__isnull=True) | Q(expires_on__gte=on))


def qualified(user, qualification: Qualification | str | int, on: dt.date | None = None) -> bool:
    """Whether the user holds the qualification (or one that includes it) on the date."""
    on = on or timezone.localdate()
    ids = including_ids(qualification)
    if not ids:
        return False
    return QualificationGrant.objects.filter(
        valid_on(on), user=user, qualification_id__in=ids
    ).exists()


def qualified_user_ids(
    user_ids: Iterable[int], qualifications: Iterable[Qualification], on: dt.date
) -> set[int]:
    """Of these users, those who hold every one of the qualifications on the date; in one
    query for the grants whatever the number of users."""
    user_ids = set(user_ids)
    required = list(qualifications)
    if not required or not user_ids:
        return user_ids
    held = held_ids(user_ids, on)
    return {uid for uid in user_ids if all(q.pk in held.get(uid, set()) for q in required)}


def held_ids(user_ids: Iterable[int], on: dt.date) -> dict[int, set[int]]:
    """Each user's qualifications held on the date, inclusion applied: {user id: {ids}}."""
    direct: dict[int, set[int]] = defaultdict(set)
    for uid, qid in QualificationGrant.objects.filter(
        valid_on(on), user_id__in=list(user_ids)
    ).values_list("user_id", "qualification_id"):
        direct[uid].add(qid)
    children: dict[int, set[int]] = defaultdict(set)
    for parent, child in _inclusion_edges():
        children[parent].add(child)
    result = {}
    for uid, ids in direct.items():
        found, todo = set(ids), list(ids)
        while todo:
            for child in children[todo.pop()]:
                if child not in found:
                    found.add(child)
                    todo.append(child)
        result[uid] = found
    return result


@dataclass(frozen=True)
class HeldQualification:
    qualification: Qualification
    granted_on: dt.date
    expires_on: dt.date | None
    expired: bool
    expires_soon: bool


def qualifications_of(user, on: dt.date | None = None) -> list[HeldQualification]:
    """The user's latest grant of each qualification, newest first, with expiry flags."""
    on = on or timezone.localdate()
    latest: dict[int, QualificationGrant] = {}
    grants = QualificationGrant.objects.filter(user=user, granted_on__lte=on).select_related(
        "qualification"
    )
    for grant in grants.order_by("granted_on", "id"):
        current = latest.get(grant.qualification_id)
        # The grant that lasts longest wins: a renewal, or an open-ended one.
        if current is None or _lasts_longer(grant, current):
            latest[grant.qualification_id] = grant
    soon = on + dt.timedelta(days=EXPIRY_WARNING_DAYS)
    rows = [
        HeldQualification(
            grant.qualification,
            grant.granted_on,
            grant.expires_on,
            expired=grant.expires_on is not None and grant.expires_on < on,
            expires_soon=grant.expires_on is not None and on <= grant.expires_on <= soon,
        )
        for grant in latest.values()
    ]
    return sorted(rows, key=lambda r: (r.expired, r.qualification.name))


def _lasts_longer(a: QualificationGrant, b: QualificationGrant) -> bool:
    if b.expires_on is None:
        return False
    return a.expires_on is None or a.expires_on >= b.expires_on


def expiry_for(qualification: Qualification, granted_on: dt.date) -> dt.date | None:
    if qualification.validity_days is None:
        return None
    return granted_on + dt.timedelta(days=qualification.validity_days)
