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
def link_services(*, contact, services: Iterable[Service]) -> None:
    """The conversation's bridging goes to exactly these services (only the ids are kept).
    A service that is no longer offered stays linked if it already was."""
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
    ServiceBridging.objects.filter(contact=contact).exclude(service_id__in=wanted).delete()
    ServiceBridging.objects.bulk_create(
        [ServiceBridging(contact=contact, service_id=pk) for pk in wanted if pk not in current]
    )
