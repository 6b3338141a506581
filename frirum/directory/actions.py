"""Writes of the directory: confirming an entry is still correct, and linking a
conversation's bridging to the services chosen from the directory."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.directory.access import may_keep
from frirum.directory.models import Service, ServiceBridging, ServiceStatus

OFFERED_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


@transaction.atomic
def verify_service(*, actor, service: Service, today: dt.date | None = None) -> Service:
    """The owner confirms the entry is still correct: it is no longer stale for a year."""
    if not may_keep(actor, service):
        raise ValidationError(_("Only the entry's owner may confirm it."))
    before = snapshot(service)
    service.verified_on = today or timezone.localdate()
    service.verified_by = actor
    service.updated_at = timezone.now()
    service.save(update_fields=["verified_on", "verified_by", "updated_at"])
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=service,
        site=service.owner_site,
        before=before,
        after=snapshot(service),
    )
    return service


def validate_bridging_services(*, bridged: bool, services: Iterable[Service]) -> None:
    services = list(services)
    if services and not bridged:
        raise ValidationError(
            {"bridging_services": [_("A service is chosen: tick “bridged”, or clear it.")]}
        )


@transaction.atomic
def link_services(*, actor, contact, services: Iterable[Service]) -> None:
    """The conversation's bridging goes to exactly these services (only the ids are kept).
    A service that is no longer offered stays linked if it already was. A change is in the
    conversation's audit trail, the services by name (a directory entry is no one's data)."""
    wanted = {service.pk: service for service in services}
    current = set(
        ServiceBridging.objects.filter(contact=contact).values_list("service_id", flat=True)
    )
    for pk, service in wanted.items():
        if pk not in current and service.status not in OFFERED_STATUSES:
            raise ValidationError(
                {
                    "bridging_services": [
                        _("%(name)s is no longer offered.") % {"name": service.name}
                    ]
                }
            )
    validate_bridging_services(bridged=contact.bridged, services=wanted.values())
    if set(wanted) == current:
        return
    before = sorted(Service.objects.filter(pk__in=current).values_list("name", flat=True))
    ServiceBridging.objects.filter(contact=contact).exclude(service_id__in=wanted).delete()
    ServiceBridging.objects.bulk_create(
        [ServiceBridging(contact=contact, service_id=pk) for pk in wanted if pk not in current]
    )
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=contact,
        site=contact.site,
        before={"bridging_services": before},
        after={"bridging_services": sorted(service.name for service in wanted.values())},
    )


SERVICE_FIELDS = (
    "name",
    "description",
    "status",
    "phone",
    "email",
    "url",
    "minimum_age",
    "maximum_age",
    "anonymous_possible",
    "referral_required",
    "languages",
    "cost",
    "is_published",
    "destination",
    "editor",
)


@transaction.atomic
def save_service(*, actor, site, data: dict, service: Service | None = None) -> Service:
    """Create or change an entry kept by a site. Saving it is also verifying it: the
    owner has just looked at every field."""
    from frirum.directory.models import Organization

    if data["status"] not in ServiceStatus.values:
        raise ValidationError({"status": [_("Choose from the list.")]})
    low, high = data.get("minimum_age"), data.get("maximum_age")
    if low is not None and high is not None and high < low:
        raise ValidationError({"maximum_age": [_("The maximum age is below the minimum age.")]})
    created = service is None
    if created:
        service = Service(owner_site=site)
        before = None
    else:
        if not may_keep(actor, service):
            raise ValidationError(_("Only the entry's owner may change it."))
        before = snapshot(service, m2m=("themes", "municipalities"))
    name = data["organization_name"].strip()
    if created or service.organization.name != name:
        organization = Organization.objects.filter(name=name).first()
        service.organization = organization or Organization.objects.create(name=name)
    for field_name in SERVICE_FIELDS:
        value = data.get(field_name)
        if isinstance(value, str):
            value = value.strip()
        setattr(service, field_name, value if value is not None else _blank(field_name))
    service.languages = ",".join(c.strip() for c in service.languages.split(",") if c.strip())
    service.verified_on = timezone.localdate()
    service.verified_by = actor
    service.updated_at = timezone.now()
    service.save()
    service.themes.set(data.get("themes") or [])
    service.municipalities.set(data.get("municipalities") or [])
    record_audit(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        instance=service,
        site=site,
        before=before,
        after=snapshot(service, m2m=("themes", "municipalities")),
    )
    return service


def _blank(field_name: str):
    field = Service._meta.get_field(field_name)
    return None if field.null else ""
