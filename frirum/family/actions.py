"""Writes for headspace Family: relatives, family groups, conversations and inquiries.

Each action validates everything first, writes in one transaction and leaves an audit entry.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.accounts.models import Membership, Role
from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.contacts.choices import Channel
from frirum.family.models import (
    BridgedFor,
    FamilyConversation,
    FamilyGroup,
    FamilyKind,
    InquiryReason,
    Relative,
    RelativeInquiry,
)
from frirum.lib.anonymity import validate_anonymous_text
from frirum.people.models import Youth
from frirum.sites.models import Site, SiteKind
from frirum.taxonomies.models import Term, Vocabulary

CONVERSATION_M2M = ("relatives", "themes", "bridging_methods", "bridging_destinations")
LABEL_MAX = Relative._meta.get_field("label").max_length
NOTE_MAX = FamilyConversation._meta.get_field("note").max_length


def _require_family_site(site: Site) -> None:
    if site.kind != SiteKind.FAMILY:
        raise ValidationError(_("Family records belong to a family site."))


def _check_text(errors: dict, name: str, value: str, max_length: int) -> None:
    if len(value) > max_length:
        errors.setdefault(name, []).append(_("At most %(n)d characters.") % {"n": max_length})
    try:
        validate_anonymous_text(value)
    except ValidationError as error:
        errors.setdefault(name, []).extend(error.messages)


def _check_relation(errors: dict, name: str, relation: Term | None, required: bool) -> None:
    if relation is None:
        if required:
            errors[name] = [_("Choose the relation.")]
    elif relation.vocabulary != Vocabulary.RELATION:
        errors[name] = [_("Choose from the list.")]


def _is_member(user, site: Site, *, peer: bool) -> bool:
    memberships = Membership.objects.filter(user=user, site=site, is_active=True)
    if peer:
        memberships = memberships.filter(role=Role.PEER_VOLUNTEER)
    else:
        memberships = memberships.exclude(role=Role.PEER_VOLUNTEER)
    return user is not None and user.is_active and memberships.exists()


# Relatives and family groups -------------------------------------------------------------


@dataclass
class NewRelative:
    relation: Term
    label: str = ""


def _validate_new_relatives(errors: dict, new_relatives: Sequence[NewRelative]) -> None:
    for i, new in enumerate(new_relatives):
        _check_relation(errors, f"new_relatives.{i}.relation", new.relation, required=True)
        _check_text(errors, f"new_relatives.{i}.label", new.label.strip(), LABEL_MAX)


def _create_relatives(
    *, actor, site: Site, group: FamilyGroup | None, new_relatives: Sequence[NewRelative]
) -> list[Relative]:
    created = []
    for new in new_relatives:
        relative = Relative.objects.create(
            label=new.label.strip(),
            relation=new.relation,
            family_group=group,
            registered_at_site=site,
        )
        record_audit(
            actor=actor,
            action=AuditAction.CREATE,
            instance=relative,
            site=site,
            after=snapshot(relative),
        )
        created.append(relative)
    return created


@transaction.atomic
def create_relative(
    *, actor, site: Site, relation: Term, label: str = "", family_group: FamilyGroup | None = None
) -> Relative:
    _require_family_site(site)
    errors: dict = {}
    _check_relation(errors, "relation", relation, required=True)
    _check_text(errors, "label", label.strip(), LABEL_MAX)
    if family_group is not None and family_group.site_id != site.id:
        errors["family_group"] = [_("Choose a family group of this site.")]
    if errors:
        raise ValidationError(errors)
    (relative,) = _create_relatives(
        actor=actor,
        site=site,
        group=family_group,
        new_relatives=[NewRelative(relation=relation, label=label)],
    )
    return relative


@transaction.atomic
def update_relative(
    *,
    actor,
    relative: Relative,
    site: Site,
    relation: Term,
    label: str,
    family_group: FamilyGroup | None,
) -> Relative:
    errors: dict = {}
    _check_relation(errors, "relation", relation, required=True)
    _check_text(errors, "label", label.strip(), LABEL_MAX)
    if family_group is not None and family_group.site_id != site.id:
        errors["family_group"] = [_("Choose a family group of this site.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(relative)
    relative.relation = relation
    relative.label = label.strip()
    relative.family_group = family_group
    relative.save(update_fields=["relation", "label", "family_group"])
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=relative,
        site=site,
        before=before,
        after=snapshot(relative),
    )
    return relative


def find_youth_by_code(code: str) -> Youth | None:
    """Exact pseudonym only: Family staff may link a young person they were told the code of,
    never browse or search the centres' young people."""
    code = code.strip().upper()
    if not code:
        return None
    return Youth.objects.filter(code=code).first()


def _resolve_youth(errors: dict, *, actor, site: Site, youth_code: str, new_youth: bool):
    """The young person to link: None, an existing one by exact code, or a new pseudonym."""
    youth_code = youth_code.strip()
    if new_youth and youth_code:
        errors["youth_code"] = [
            _("Either type an existing pseudonym or create a new one, not both.")
        ]
        return None
    if new_youth:
        return "new"
    if not youth_code:
        return None
    youth = find_youth_by_code(youth_code)
    if youth is None:
        errors["youth_code"] = [_("No young person has this pseudonym. Check the code.")]
    return youth


def _create_youth(*, actor, site: Site) -> Youth:
    youth = Youth.objects.create(registered_at_site=site)
    record_audit(
        actor=actor, action=AuditAction.CREATE, instance=youth, site=site, after=snapshot(youth)
    )
    return youth


@transaction.atomic
def create_family_group(
    *,
    actor,
    site: Site,
    label: str = "",
    youth_code: str = "",
    new_youth: bool = False,
    relatives: Sequence[Relative] = (),
    new_relatives: Sequence[NewRelative] = (),
) -> FamilyGroup:
    _require_family_site(site)
    errors: dict = {}
    _check_text(errors, "label", label.strip(), FamilyGroup._meta.get_field("label").max_length)
    youth = _resolve_youth(
        errors, actor=actor, site=site, youth_code=youth_code, new_youth=new_youth
    )
    _validate_new_relatives(errors, new_relatives)
    if errors:
        raise ValidationError(errors)
    if youth == "new":
        youth = _create_youth(actor=actor, site=site)
    group = FamilyGroup.objects.create(site=site, label=label.strip(), youth=youth)
    record_audit(
        actor=actor, action=AuditAction.CREATE, instance=group, site=site, after=snapshot(group)
    )
    _link_relatives(actor=actor, site=site, group=group, relatives=relatives)
    _create_relatives(actor=actor, site=site, group=group, new_relatives=new_relatives)
    return group


def _link_relatives(*, actor, site: Site, group: FamilyGroup, relatives: Sequence[Relative]):
    for relative in relatives:
        if relative.family_group_id == group.id:
            continue
        before = snapshot(relative)
        relative.family_group = group
        relative.save(update_fields=["family_group"])
        record_audit(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=relative,
            site=site,
            before=before,
            after=snapshot(relative),
        )


@transaction.atomic
def update_family_group(
    *,
    actor,
    group: FamilyGroup,
    label: str,
    youth_code: str = "",
    new_youth: bool = False,
    unlink_youth: bool = False,
) -> FamilyGroup:
    """Change the label; link a young person by exact pseudonym (or a new one) or unlink."""
    errors: dict = {}
    _check_text(errors, "label", label.strip(), FamilyGroup._meta.get_field("label").max_length)
    youth = _resolve_youth(
        errors, actor=actor, site=group.site, youth_code=youth_code, new_youth=new_youth
    )
    if errors:
        raise ValidationError(errors)
    before = snapshot(group)
    if youth == "new":
        youth = _create_youth(actor=actor, site=group.site)
    group.label = label.strip()
    if youth is not None:
        group.youth = youth
    elif unlink_youth:
        group.youth = None
    group.save(update_fields=["label", "youth"])
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=group,
        site=group.site,
        before=before,
        after=snapshot(group),
    )
    return group


# Conversations ---------------------------------------------------------------------------

NEW_GROUP = "new"


@dataclass
class ConversationDetails:
    """What the counsellor registers about one family conversation."""

    date: dt.date
    kind: str
    channel: str = Channel.IN_PERSON
    time: dt.time | None = None
    relatives: Sequence[Relative] = ()
    new_relatives: Sequence[NewRelative] = ()
    # A FamilyGroup, NEW_GROUP for a fresh one, or None.
    family_group: object = None
    counsellor: object = None
    peer_volunteer: object = None
    # True also without a name: a peer volunteer without an account, or imported history.
    peer_volunteer_present: bool = False
    themes: Sequence[Term] = ()
    bridged: bool = False
    bridged_for: str = ""
    bridging_methods: Sequence[Term] = field(default_factory=list)
    bridging_destinations: Sequence[Term] = field(default_factory=list)
    note: str = ""


def validate_conversation(*, site: Site, details: ConversationDetails, today: dt.date) -> None:
    """Raises one ValidationError keyed by field for everything wrong with the details."""
    _require_family_site(site)
    errors: dict = {}
    if details.date > today:
        errors["date"] = [_("The date cannot be in the future.")]
    if details.kind not in FamilyKind.values:
        errors["kind"] = [_("Choose the kind of conversation.")]
    if details.channel not in Channel.values:
        errors["channel"] = [_("Choose the channel.")]
    if not details.relatives and not details.new_relatives:
        errors["relatives"] = [_("Choose or add at least one relative.")]
    if any(not isinstance(r, Relative) for r in details.relatives):
        errors["relatives"] = [_("Choose from the list.")]
    _validate_new_relatives(errors, details.new_relatives)
    group = details.family_group
    if isinstance(group, FamilyGroup) and group.site_id != site.id:
        errors["family_group"] = [_("Choose a family group of this site.")]
    if details.counsellor is not None and not _is_member(details.counsellor, site, peer=False):
        errors["counsellor"] = [_("Choose a counsellor of this site.")]
    if details.peer_volunteer is not None and not _is_member(
        details.peer_volunteer, site, peer=True
    ):
        errors["peer_volunteer"] = [_("Choose a peer volunteer of this site.")]
    for name, vocabulary in (
        ("themes", Vocabulary.FAMILY_THEME),
        ("bridging_methods", Vocabulary.FAMILY_BRIDGING_METHOD),
        ("bridging_destinations", Vocabulary.DESTINATION),
    ):
        if any(term.vocabulary != vocabulary for term in getattr(details, name)):
            errors[name] = [_("Choose from the list.")]
    if details.bridged:
        if details.bridged_for not in BridgedFor.values:
            errors["bridged_for"] = [_("Say for whom the bridging was.")]
        if not details.bridging_methods:
            errors["bridging_methods"] = [_("Say how the bridging was done.")]
        if not details.bridging_destinations:
            errors["bridging_destinations"] = [_("Say where to.")]
    elif details.bridged_for or details.bridging_methods or details.bridging_destinations:
        errors["bridged"] = [
            _("Tick 'bridged' to register a bridging, or clear the bridging details.")
        ]
    _check_text(errors, "note", details.note.strip(), NOTE_MAX)
    if errors:
        raise ValidationError(errors)


def _apply(conversation: FamilyConversation, details: ConversationDetails, group) -> None:
    conversation.date = details.date
    conversation.time = details.time
    conversation.kind = details.kind
    conversation.channel = details.channel
    conversation.family_group = group
    conversation.counsellor = details.counsellor
    conversation.peer_volunteer = details.peer_volunteer
    conversation.peer_volunteer_present = (
        details.peer_volunteer is not None or details.peer_volunteer_present
    )
    conversation.bridged = details.bridged
    conversation.bridged_for = details.bridged_for if details.bridged else ""
    if not details.bridged:
        conversation.bridging_followed_up_at = None
    conversation.note = details.note.strip()


def _resolve_group(*, actor, site: Site, details: ConversationDetails):
    if details.family_group == NEW_GROUP:
        group = FamilyGroup.objects.create(site=site)
        record_audit(
            actor=actor, action=AuditAction.CREATE, instance=group, site=site, after=snapshot(group)
        )
        return group
    return details.family_group


def _set_m2m(conversation: FamilyConversation, details: ConversationDetails, relatives) -> None:
    conversation.relatives.set(relatives)
    conversation.themes.set(details.themes)
    conversation.bridging_methods.set(details.bridging_methods if details.bridged else [])
    conversation.bridging_destinations.set(details.bridging_destinations if details.bridged else [])


@transaction.atomic
def create_family_conversation(
    *, actor, site: Site, details: ConversationDetails, today: dt.date | None = None
) -> FamilyConversation:
    today = today or timezone.localdate()
    validate_conversation(site=site, details=details, today=today)
    group = _resolve_group(actor=actor, site=site, details=details)
    new = _create_relatives(
        actor=actor, site=site, group=group, new_relatives=details.new_relatives
    )
    relatives = [*details.relatives, *new]
    if group is not None:
        # Relatives without a family join the one this conversation was held with.
        _link_relatives(
            actor=actor,
            site=site,
            group=group,
            relatives=[r for r in details.relatives if r.family_group_id is None],
        )
    conversation = FamilyConversation(site=site, created_by=actor)
    _apply(conversation, details, group)
    conversation.save()
    _set_m2m(conversation, details, relatives)
    record_audit(
        actor=actor,
        action=AuditAction.CREATE,
        instance=conversation,
        site=site,
        after=snapshot(conversation, m2m=CONVERSATION_M2M),
    )
    return conversation


@transaction.atomic
def update_family_conversation(
    *,
    actor,
    conversation: FamilyConversation,
    details: ConversationDetails,
    today: dt.date | None = None,
) -> FamilyConversation:
    today = today or timezone.localdate()
    site = conversation.site
    validate_conversation(site=site, details=details, today=today)
    before = snapshot(conversation, m2m=CONVERSATION_M2M)
    group = _resolve_group(actor=actor, site=site, details=details)
    new = _create_relatives(
        actor=actor, site=site, group=group, new_relatives=details.new_relatives
    )
    _link_relatives(
        actor=actor,
        site=site,
        group=group,
        relatives=[r for r in details.relatives if group and r.family_group_id is None],
    )
    _apply(conversation, details, group)
    conversation.save(
        update_fields=[
            "date",
            "time",
            "kind",
            "channel",
            "family_group",
            "counsellor",
            "peer_volunteer",
            "peer_volunteer_present",
            "bridged",
            "bridged_for",
            "bridging_followed_up_at",
            "note",
            "updated_at",
        ]
    )
    _set_m2m(conversation, details, [*details.relatives, *new])
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=conversation,
        site=site,
        before=before,
        after=snapshot(conversation, m2m=CONVERSATION_M2M),
    )
    return conversation


@transaction.atomic
def delete_family_conversation(*, actor, conversation: FamilyConversation) -> None:
    before = snapshot(conversation, m2m=CONVERSATION_M2M)
    record_audit(
        actor=actor,
        action=AuditAction.DELETE,
        instance=conversation,
        site=conversation.site,
        before=before,
    )
    conversation.delete()


@transaction.atomic
def mark_bridging_followed_up(*, actor, conversation: FamilyConversation) -> FamilyConversation:
    if not conversation.bridged:
        raise ValidationError(_("This conversation has no bridging."))
    if conversation.bridging_followed_up_at is not None:
        return conversation
    before = snapshot(conversation)
    conversation.bridging_followed_up_at = timezone.now()
    conversation.save(update_fields=["bridging_followed_up_at", "updated_at"])
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=conversation,
        site=conversation.site,
        before=before,
        after=snapshot(conversation),
    )
    return conversation


# Inquiries -------------------------------------------------------------------------------


@dataclass
class InquiryDetails:
    date: dt.date
    relation: Term | None
    reason: str
    channel: str = ""
    led_to_conversation: bool = False
    referred_to_centre: bool = False


def _validate_inquiry(site: Site, details: InquiryDetails, today: dt.date) -> None:
    _require_family_site(site)
    errors: dict = {}
    if details.date > today:
        errors["date"] = [_("The date cannot be in the future.")]
    _check_relation(errors, "relation", details.relation, required=True)
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
def delete_inquiry(*, actor, inquiry: RelativeInquiry) -> None:
    record_audit(
        actor=actor,
        action=AuditAction.DELETE,
        instance=inquiry,
        site=inquiry.site,
        before=snapshot(inquiry),
    )
    inquiry.delete()
