"""Writes for family conversations and their bridging: validated first, one transaction,
audited."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.contacts.choices import Channel
from frirum.family.actions.common import (
    CONVERSATION_M2M,
    NOTE_MAX,
    check_text,
    is_member,
    require_family_site,
)
from frirum.family.actions.relatives import (
    NewRelative,
    create_relatives,
    link_relatives,
    validate_new_relatives,
)
from frirum.family.models import BridgedFor, FamilyConversation, FamilyGroup, FamilyKind, Relative
from frirum.sites.models import Site
from frirum.taxonomies.models import Term, Vocabulary
from frirum.trash.actions import bury
from frirum.trash.models import DeletedKind, DeletedRecord

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
    require_family_site(site)
    errors: dict = {}
    if details.date > today:
        errors["date"] = [_("The date cannot be in the future.")]
    if details.kind not in FamilyKind.values:
        errors["kind"] = [_("Choose the kind of conversation.")]
    if details.channel not in Channel.values:
        errors["channel"] = [_("Choose the channel.")]
    present = len(details.relatives) + len(details.new_relatives)
    if not present:
        errors["relatives"] = [_("Choose or add at least one relative.")]
    elif details.kind == FamilyKind.RELATIVE and present > 1:
        errors["kind"] = [
            _(
                "A conversation with a relative alone has one relative present. Choose a family conversation."
            )
        ]
    if any(not isinstance(r, Relative) for r in details.relatives):
        errors["relatives"] = [_("Choose from the list.")]
    validate_new_relatives(errors, details.new_relatives)
    group = details.family_group
    if isinstance(group, FamilyGroup) and group.site_id != site.id:
        errors["family_group"] = [_("Choose a family group of this site.")]
    if details.counsellor is not None and not is_member(details.counsellor, site, peer=False):
        errors["counsellor"] = [_("Choose a counsellor of this site.")]
    if details.peer_volunteer is not None and not is_member(
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
    check_text(errors, "note", details.note.strip(), NOTE_MAX)
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
    new = create_relatives(actor=actor, site=site, group=group, new_relatives=details.new_relatives)
    relatives = [*details.relatives, *new]
    if group is not None:
        # Relatives without a family join the one this conversation was held with.
        link_relatives(
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
    new = create_relatives(actor=actor, site=site, group=group, new_relatives=details.new_relatives)
    link_relatives(
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
def delete_family_conversation(*, actor, conversation: FamilyConversation) -> DeletedRecord:
    """Deletes a conversation, restorable by the chief for a while (frirum.trash)."""
    before = snapshot(conversation, m2m=CONVERSATION_M2M)
    record_audit(
        actor=actor,
        action=AuditAction.DELETE,
        instance=conversation,
        site=conversation.site,
        before=before,
    )
    return bury(
        actor=actor,
        site=conversation.site,
        kind=DeletedKind.FAMILY_CONVERSATION,
        roots=[conversation],
        code=conversation.code,
        date=conversation.date,
    )


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
