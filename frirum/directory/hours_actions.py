"""Writes of a service's places and times, by the entry's owner (the same rule as the
service form). Like saving the service form, a change here also verifies the entry: the
owner has just looked at the service's hours and places."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.directory.access import may_keep
from frirum.directory.models import (
    Location,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
)

LOCATION_FIELDS = ("name", "address", "postal_code", "city", "municipality")
SCHEDULE_FIELDS = ("weekday", "opens_at", "closes_at", "valid_from", "valid_to")
EXCEPTION_FIELDS = ("date", "opens_at", "closes_at", "note")


def _check_owner(actor, service: Service) -> None:
    if not may_keep(actor, service):
        raise ValidationError(_("Only the entry's owner may change it."))


def _touch(actor, service: Service) -> None:
    service.verified_on = timezone.localdate()
    service.verified_by = actor
    service.updated_at = timezone.now()
    service.save(update_fields=["verified_on", "verified_by", "updated_at"])


def _assign(item, data: dict, fields: tuple[str, ...]) -> None:
    for name in fields:
        value = data.get(name)
        if isinstance(value, str):
            value = value.strip()
        field = item._meta.get_field(name)
        if value is None and not field.null:
            value = ""
        setattr(item, name, value)


def _save(actor, service, item, data, fields):
    created = item.pk is None
    before = None if created else snapshot(item)
    _assign(item, data, fields)
    item.save()
    record_audit(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        instance=item,
        site=service.owner_site,
        before=before,
        after=snapshot(item),
    )
    _touch(actor, service)
    return item


def _remove(actor, service, item) -> None:
    before = snapshot(item)
    record_audit(
        actor=actor,
        action=AuditAction.DELETE,
        instance=item,
        site=service.owner_site,
        before=before,
    )
    item.delete()
    _touch(actor, service)


@transaction.atomic
def save_location(*, actor, service: Service, data: dict, location: Location | None = None):
    """A new place belongs to the service's organisation and is linked to the service."""
    _check_owner(actor, service)
    if location is None:
        location = Location(organization=service.organization)
        _save(actor, service, location, data, LOCATION_FIELDS)
        ServiceAtLocation.objects.create(service=service, location=location)
        return location
    return _save(actor, service, location, data, LOCATION_FIELDS)


@transaction.atomic
def remove_location(*, actor, service: Service, location: Location) -> None:
    """The place goes from the service; it is deleted when no other service is there."""
    _check_owner(actor, service)
    link = ServiceAtLocation.objects.filter(service=service, location=location).first()
    if link is None:
        return
    if location.services.exclude(pk=link.pk).exists():
        _remove(actor, service, link)
    else:
        _remove(actor, service, location)


@transaction.atomic
def save_schedule(*, actor, service: Service, data: dict, schedule: Schedule | None = None):
    _check_owner(actor, service)
    opens, closes = data["opens_at"], data["closes_at"]
    if closes <= opens:
        raise ValidationError({"closes_at": [_("It must close after it opens.")]})
    start, end = data.get("valid_from"), data.get("valid_to")
    if start and end and end < start:
        raise ValidationError({"valid_to": [_("The end is before the start.")]})
    return _save(actor, service, schedule or Schedule(service=service), data, SCHEDULE_FIELDS)


@transaction.atomic
def remove_schedule(*, actor, service: Service, schedule: Schedule) -> None:
    _check_owner(actor, service)
    _remove(actor, service, schedule)


@transaction.atomic
def save_exception(
    *, actor, service: Service, data: dict, exception: ScheduleException | None = None
):
    _check_owner(actor, service)
    opens, closes = data.get("opens_at"), data.get("closes_at")
    if (opens is None) != (closes is None):
        raise ValidationError({"closes_at": [_("Give both times, or neither for a closed day.")]})
    if opens is not None and closes <= opens:
        raise ValidationError({"closes_at": [_("It must close after it opens.")]})
    same_day = ScheduleException.objects.filter(service=service, date=data["date"])
    if exception is not None:
        same_day = same_day.exclude(pk=exception.pk)
    if same_day.exists():
        raise ValidationError({"date": [_("That day already has an exception. Change it.")]})
    item = exception or ScheduleException(service=service)
    return _save(actor, service, item, data, EXCEPTION_FIELDS)


@transaction.atomic
def remove_exception(*, actor, service: Service, exception: ScheduleException) -> None:
    _check_owner(actor, service)
    _remove(actor, service, exception)
