"""Booking and cancelling, both without knowing who."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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

    def insert(seat: int) -> Booking:
        return Booking.objects.create(
            site=site,
            starts_at=slot.start,
            ends_at=slot.end,
            seat=seat,
            cancel_hash=codes.cancel_hash(code),
            nickname=nickname,
            age=age,
        )

    return _take_a_place(site, slot, insert), code


def _take_a_place(site: Site, slot: Slot, write) -> Booking:
    """Runs `write(seat)` for the first free place of the slot. Another booking may take a
    place between the read and the write; the unique constraint on (site, time, place) then
    refuses ours and the next place is tried, so the last place is never given twice."""
    held = set(
        Booking.objects.filter(
            site=site, starts_at=slot.start, cancelled_at__isnull=True
        ).values_list("seat", flat=True)
    )
    for seat in range(1, site.booking_capacity + 1):
        if seat in held:
            continue
        try:
            with transaction.atomic():
                booking = write(seat)
        except IntegrityError:
            continue
        if booking is not None:
            return booking
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


def _slot_error(message, code: str) -> ValidationError:
    # The code inside the dict, where callers and tests can read it.
    return ValidationError({"slot": ValidationError(message, code=code)})


def move_booking(*, booking: Booking, start_key: str, now: dt.datetime) -> Booking:
    """Moves the booking to another free time at the same site, keeping its code, nickname
    and age. One UPDATE that only matches the booking as it was read: the old place is
    freed in the same statement that takes the new one, and a second move or a cancel in
    between makes it match nothing."""
    if booking.is_cancelled:
        raise _slot_error(_("This booking is cancelled."), "cancelled")
    if booking.starts_at <= now:
        raise _slot_error(_("This time has already begun, so it cannot be moved."), "past")
    if start_key == str(int(booking.starts_at.timestamp())):
        raise _slot_error(_("That is already your time."), "same")
    slot: Slot | None = next(
        (slot for slot in bookable_slots(booking.site, now) if slot.key == start_key), None
    )
    if slot is None:
        raise _slot_error(TAKEN, "taken")
    changed = _slot_error(_("The booking was changed meanwhile. Look it up again."), "changed")

    def update(seat: int) -> Booking | None:
        moved = Booking.objects.filter(
            pk=booking.pk, starts_at=booking.starts_at, cancelled_at__isnull=True
        ).update(starts_at=slot.start, ends_at=slot.end, seat=seat)
        if not moved:
            raise changed
        return booking

    _take_a_place(booking.site, slot, update)
    booking.starts_at, booking.ends_at = slot.start, slot.end
    booking.refresh_from_db(fields=["seat"])
    return booking


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


@transaction.atomic
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
    _audited_update(booking=booking, actor=actor, fields=["cancelled_at"], cancelled_at=now)
    return booking


def _audited_update(*, booking: Booking, actor, fields: list[str], **values) -> Booking:
    before = snapshot(booking)
    for name, value in values.items():
        setattr(booking, name, value)
    booking.save(update_fields=fields)
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=booking,
        site=booking.site,
        before=before,
        after=snapshot(booking),
    )
    return booking


@transaction.atomic
def link_conversation(*, booking: Booking, contact, actor) -> Booking:
    """The conversation registered from a booking: the booking is met. Called in the same
    transaction that saves the conversation, so both are written or neither. A booking
    marked not met becomes met: the young person came after all. Errors are by field, as
    the registration form shows them."""
    locked = Booking.objects.select_for_update().select_related("site").get(pk=booking.pk)
    if locked.is_cancelled:
        raise ValidationError({NON_FIELD_ERRORS: _("This booking is cancelled.")})
    if locked.contact_id is not None and locked.contact_id != contact.pk:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("A conversation is already registered for this booking.")}
        )
    if contact.site_id != locked.site_id:
        raise ValidationError(
            {"site": _("The conversation must be at the booking's site.")}, code="site"
        )
    return _audited_update(
        booking=locked,
        actor=actor,
        fields=["contact", "not_met_at"],
        contact=contact,
        not_met_at=None,
    )


@transaction.atomic
def mark_not_met(*, booking: Booking, actor, now: dt.datetime) -> Booking:
    """Nobody came to the booked time. Only once the time has begun; counted in the annual
    report's bookings figure."""
    locked = Booking.objects.select_for_update().select_related("site").get(pk=booking.pk)
    if locked.is_cancelled:
        raise ValidationError(_("This booking is cancelled."), code="cancelled")
    if locked.is_met:
        raise ValidationError(
            _("A conversation is registered for this booking, so it was met."), code="met"
        )
    if locked.is_not_met:
        raise ValidationError(_("This booking is already marked not met."), code="not_met")
    if locked.starts_at > now:
        raise ValidationError(
            _("The time has not begun yet: cancel the booking instead."), code="future"
        )
    return _audited_update(booking=locked, actor=actor, fields=["not_met_at"], not_met_at=now)


def purge_old_bookings(*, now: dt.datetime) -> tuple[int, int]:
    """Forgets the nickname and age of bookings whose time is over by more than
    FRIRUM_BOOKING_NICKNAME_DAYS, and removes bookings older than
    FRIRUM_BOOKING_RETENTION_DAYS for good (by then no annual report, nor the year before it
    that a report compares with, reads them). Returns (forgotten, removed)."""
    nickname_days = settings.FRIRUM_BOOKING_NICKNAME_DAYS
    retention_days = settings.FRIRUM_BOOKING_RETENTION_DAYS
    with transaction.atomic():
        removed, _by_model = Booking.objects.filter(
            ends_at__lt=now - dt.timedelta(days=retention_days)
        ).delete()
        forgotten = (
            Booking.objects.filter(ends_at__lt=now - dt.timedelta(days=nickname_days))
            .exclude(nickname="", age__isnull=True)
            .update(nickname="", age=None)
        )
    return forgotten, removed
