"""Writes for relatives' inquiries: validated first, one transaction, audited."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.contacts.choices import Channel
from frirum.family.actions.common import check_relation, require_family_site
from frirum.family.models import InquiryReason, RelativeInquiry
from frirum.sites.models import Site
from frirum.taxonomies.models import Term
from frirum.trash.actions import bury
from frirum.trash.models import DeletedKind, DeletedRecord


@dataclass
class InquiryDetails:
    date: dt.date
    relation: Term | None
    reason: str
    channel: str = ""
    led_to_conversation: bool = False
    referred_to_centre: bool = False


def _validate_inquiry(site: Site, details: InquiryDetails, today: dt.date) -> None:
    require_family_site(site)
    errors: dict = {}
    if details.date > today:
        errors["date"] = [_("The date cannot be in the future.")]
    check_relation(errors, "relation", details.relation, required=True)
    if details.reason not in InquiryReason.values:
        errors["reason"] = [_("Choose the reason.")]
    if details.channel and details.channel not in Channel.values:
        errors["channel"] = [_("Choose the channel.")]
    if errors:
        raise ValidationError(errors)


def _apply_inquiry(inquiry: RelativeInquiry, details: InquiryDetails) -> None:
    inquiry.date = details.date
    inquiry.relation = details.relation
    inquiry.reason = details.reason
    inquiry.channel = details.channel
    inquiry.led_to_conversation = details.led_to_conversation
    inquiry.referred_to_centre = details.referred_to_centre


@transaction.atomic
def create_inquiry(
    *, actor, site: Site, details: InquiryDetails, today: dt.date | None = None
) -> RelativeInquiry:
    _validate_inquiry(site, details, today or timezone.localdate())
    inquiry = RelativeInquiry(site=site, created_by=actor)
    _apply_inquiry(inquiry, details)
    inquiry.save()
    record_audit(
        actor=actor, action=AuditAction.CREATE, instance=inquiry, site=site, after=snapshot(inquiry)
    )
    return inquiry


@transaction.atomic
def update_inquiry(
    *, actor, inquiry: RelativeInquiry, details: InquiryDetails, today: dt.date | None = None
) -> RelativeInquiry:
    _validate_inquiry(inquiry.site, details, today or timezone.localdate())
    before = snapshot(inquiry)
    _apply_inquiry(inquiry, details)
    inquiry.save(
        update_fields=[
            "date",
            "relation",
            "reason",
            "channel",
            "led_to_conversation",
            "referred_to_centre",
        ]
    )
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=inquiry,
        site=inquiry.site,
        before=before,
        after=snapshot(inquiry),
    )
    return inquiry


@transaction.atomic
def delete_inquiry(*, actor, inquiry: RelativeInquiry) -> DeletedRecord:
    record_audit(
        actor=actor,
        action=AuditAction.DELETE,
        instance=inquiry,
        site=inquiry.site,
        before=snapshot(inquiry),
    )
    return bury(
        actor=actor,
        site=inquiry.site,
        kind=DeletedKind.INQUIRY,
        roots=[inquiry],
        code=inquiry.code,
        date=inquiry.date,
    )
