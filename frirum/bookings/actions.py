"""Booking and cancelling, both without knowing who."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.bookings import codes
from frirum.bookings.models import MAX_AGE, MIN_AGE, NICKNAME_LENGTH, Booking
from frirum.bookings.slots import Slot, bookable_slots
from frirum.lib.anonymity import validate_anonymous_text
from frirum.sites.models import Site

TAKEN = _("Someone else just booked that time. Choose another.")


def create_booking(
    *,
    site: Site,
    start_key: str,
    now: dt.datetime,
    nickname: str = "",
    age: int | None = None,
) -> tuple[Booking, str]:
    """Books the slot that starts at `start_key` (its Unix time); returns the booking and
    its cancel code, which is never stored. The nickname and age are optional and checked
    here too, not only in the form."""
    _check_who(nickname=nickname, age=age)
    slot: Slot | None = next(
        (slot for slot in bookable_slots(site, now) if slot.key == start_key), None
    )
    if slot is None:
        raise ValidationError({"slot": TAKEN}, code="taken")
    code = codes.new_code()
    held = set(
        Booking.objects.filter(
            site=site, starts_at=slot.start, cancelled_at__isnull=True
        ).values_list("seat", flat=True)
    )
    # Try each free place in turn: another booking may take one between the read and the
    # insert, and the unique constraint on (site, time, place) then refuses ours.
    for seat in range(1, site.booking_capacity + 1):
        if seat in held:
            continue
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    site=site,
                    starts_at=slot.start,
                    ends_at=slot.end,
                    seat=seat,
                    cancel_hash=codes.cancel_hash(code),
                    nickname=nickname,
                    age=age,
                )
        except IntegrityError:
            continue
        return booking, code
    raise ValidationError({"slot": TAKEN}, code="taken")


def _check_who(*, nickname: str, age: int | None) -> None:
    errors = {}
    if len(nickname) > NICKNAME_LENGTH:
        errors["nickname"] = [_("Keep the nickname short.")]
    else:
        try:
            validate_anonymous_text(nickname)
        except ValidationError as error:
            errors["nickname"] = error.messages
    if age is not None and not MIN_AGE <= age <= MAX_AGE:
        errors["age"] = [_("headspace is for young people from 12 to 25.")]
    if errors:
        raise ValidationError(errors, code="invalid")


def find_booking(code: str) -> Booking | None:
    if not codes.looks_valid(codes.normalise(code)):
        return None
    return (
        Booking.objects.select_related("site").filter(cancel_hash=codes.cancel_hash(code)).first()
    )


def cancel_booking(*, booking: Booking, now: dt.datetime) -> Booking:
    if booking.is_cancelled:
        raise ValidationError({"code": _("This booking is already cancelled.")}, code="cancelled")
    if booking.starts_at <= now:
        raise ValidationError(
            {"code": _("This time has already begun, so it cannot be cancelled.")}, code="past"
        )
    booking.cancelled_at = now
    booking.save(update_fields=["cancelled_at"])
    return booking


def release_booking(*, booking: Booking, actor, now: dt.datetime) -> Booking:
    """A chief (or whoever may delete the site's records) frees a slot taken by abuse, such as
    someone booking every time of the week. The code then finds a cancelled booking; the
    audit log says who released it and when."""
    if booking.is_cancelled:
        raise ValidationError(_("This booking is already cancelled."), code="cancelled")
    if booking.starts_at <= now:
        raise ValidationError(
            _("This time has already begun, so there is nothing to release."), code="past"
        )
    before = snapshot(booking)
    booking.cancelled_at = now
    booking.save(update_fields=["cancelled_at"])
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=booking,
        site=booking.site,
        before=before,
        after=snapshot(booking),
    )
    return booking
