"""Writes to a site's schedule: weekly hours and closed days, each change in the audit log."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.sites.models import ClosedDay, OpeningHours, Site


def _overlapping_rows(site: Site, weekday: int, opens, closes, valid_from, valid_to):
    rows = OpeningHours.objects.filter(
        site=site, weekday=weekday, opens__lt=closes, closes__gt=opens
    )
    if valid_to is not None:
        rows = rows.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=valid_to))
    if valid_from is not None:
        rows = rows.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    return rows


@transaction.atomic
def add_opening_hours(
    *,
    site: Site,
    actor,
    weekday: int,
    opens: dt.time,
    closes: dt.time,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> OpeningHours:
    if closes <= opens:
        raise ValidationError(
            {"closes": _("The closing time must be after the opening time.")}, code="order"
        )
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError(
            {"valid_to": _("The last day must not be before the first.")}, code="order"
        )
    clash = _overlapping_rows(site, weekday, opens, closes, valid_from, valid_to).first()
    if clash is not None:
        raise ValidationError(
            {
                "opens": _("These hours overlap %(row)s. Change or remove those first.")
                % {"row": str(clash)}
            },
            code="overlap",
        )
    row = OpeningHours.objects.create(
        site=site,
        weekday=weekday,
        opens=opens,
        closes=closes,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    record_audit(
        actor=actor, action=AuditAction.CREATE, instance=row, site=site, after=snapshot(row)
    )
    return row


@transaction.atomic
def delete_opening_hours(*, row: OpeningHours, actor) -> None:
    before = snapshot(row)
    record_audit(actor=actor, action=AuditAction.DELETE, instance=row, site=row.site, before=before)
    row.delete()


MAX_CLOSED_DAYS = 62


@transaction.atomic
def add_closed_day(
    *,
    site: Site,
    actor,
    date: dt.date,
    last_date: dt.date | None = None,
    reason: str = "",
    opens: dt.time | None = None,
    closes: dt.time | None = None,
) -> list[ClosedDay]:
    """One closed (or short) day, or the same for every date up to last_date."""
    last_date = last_date or date
    if (opens is None) != (closes is None):
        raise ValidationError(
            {"closes": _("Give both times, or neither for a whole closed day.")}, code="partial"
        )
    if opens is not None and closes <= opens:
        raise ValidationError(
            {"closes": _("The closing time must be after the opening time.")}, code="order"
        )
    if last_date < date:
        raise ValidationError(
            {"last_date": _("The last day must not be before the first.")}, code="order"
        )
    if (last_date - date).days >= MAX_CLOSED_DAYS:
        raise ValidationError(
            {"last_date": _("At most %(n)s days at a time.") % {"n": MAX_CLOSED_DAYS}},
            code="long",
        )
    if ClosedDay.objects.filter(site=site, date__gte=date, date__lte=last_date).exists():
        raise ValidationError(
            {"date": _("This date is already in the list. Remove it first to change it.")},
            code="duplicate",
        )
    days = []
    for offset in range((last_date - date).days + 1):
        closed = ClosedDay.objects.create(
            site=site,
            date=date + dt.timedelta(days=offset),
            reason=reason.strip(),
            opens=opens,
            closes=closes,
        )
        record_audit(
            actor=actor,
            action=AuditAction.CREATE,
            instance=closed,
            site=site,
            after=snapshot(closed),
        )
        days.append(closed)
    return days


@transaction.atomic
def delete_closed_day(*, closed: ClosedDay, actor) -> None:
    before = snapshot(closed)
    record_audit(
        actor=actor, action=AuditAction.DELETE, instance=closed, site=closed.site, before=before
    )
    closed.delete()


PUBLIC_FIELDS = (
    "drop_in",
    "booking_enabled",
    "booking_slot_minutes",
    "booking_capacity",
    "public_link",
)
MAX_BOOKING_CAPACITY = 10


@transaction.atomic
def update_public_settings(
    *,
    site: Site,
    actor,
    drop_in: bool,
    booking_enabled: bool,
    booking_slot_minutes: int,
    booking_capacity: int = 1,
    public_link: str = "",
) -> Site:
    if not 1 <= booking_capacity <= MAX_BOOKING_CAPACITY:
        raise ValidationError(
            {"booking_capacity": _("Choose from 1 to %(max)d.") % {"max": MAX_BOOKING_CAPACITY}},
            code="capacity",
        )
    if booking_slot_minutes not in (30, 45, 60):
        raise ValidationError(
            {"booking_slot_minutes": _("Choose 30, 45 or 60 minutes.")}, code="length"
        )
    if public_link and not public_link.startswith("https://"):
        raise ValidationError(
            {"public_link": _("The link must start with https://.")}, code="scheme"
        )
    before = snapshot(site)
    site.drop_in = drop_in
    site.booking_enabled = booking_enabled
    site.booking_slot_minutes = booking_slot_minutes
    site.booking_capacity = booking_capacity
    site.public_link = public_link
    site.save(update_fields=list(PUBLIC_FIELDS))
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=site,
        site=site,
        before=before,
        after=snapshot(site),
    )
    return site
