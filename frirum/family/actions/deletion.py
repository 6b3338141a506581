"""Deleting a relative or a whole family group, restorable by the chief for a while
(frirum.trash), the way a young person is deleted with their conversations.

What goes with them, as one deletion that is restored as one:

- A relative takes the conversations at which no one else was present: a conversation with no
  relative left would be a conversation with nobody, and would still count in the Family
  report. A conversation the relative shared with other relatives stays, for them, and only
  loses this relative's attendance (their link to it is kept in the deletion and comes back
  with a restore). The relative's family group stays.
- A family group is the family: deleting it takes its relatives and its conversations, and the
  conversations at which only its relatives were present (as if each relative were deleted).
  A relative's attendance at another family's conversation goes too, and comes back with it.

So the Family report (frirum.reports) never counts a conversation or a relative that was
deleted, and after a restore counts exactly what it counted before. A relative or group
with conversations at another family site is refused: this site cannot delete that site's
records (the young person's deletion does the same).
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.family.actions.common import CONVERSATION_M2M, require_family_site
from frirum.family.models import FamilyConversation, FamilyGroup, Relative
from frirum.sites.models import Site
from frirum.trash.access import check_may_delete
from frirum.trash.actions import bury
from frirum.trash.models import DeletedKind, DeletedRecord

_Attendance = FamilyConversation.relatives.through


def _attended(relative_ids: Sequence[int]) -> QuerySet[FamilyConversation]:
    return FamilyConversation.objects.filter(
        pk__in=_Attendance.objects.filter(relative_id__in=relative_ids).values(
            "familyconversation_id"
        )
    )


def conversations_going_with(
    relatives: Sequence[Relative], group: FamilyGroup | None = None
) -> QuerySet[FamilyConversation]:
    """The conversations a deletion of these relatives (and group) takes with it."""
    ids = [relative.pk for relative in relatives]
    someone_else = _Attendance.objects.filter(~Q(relative_id__in=ids)).values(
        "familyconversation_id"
    )
    alone = _attended(ids).exclude(pk__in=someone_else)
    if group is not None:
        alone = FamilyConversation.objects.filter(
            Q(pk__in=alone.values("pk")) | Q(family_group=group)
        )
    return alone.order_by("date", "id")


def shared_conversation_count(relatives: Sequence[Relative], group=None) -> int:
    """Conversations that stay but lose these relatives' attendance."""
    going = conversations_going_with(relatives, group).values("pk")
    return _attended([r.pk for r in relatives]).exclude(pk__in=going).count()


def _check_one_site(site: Site, relatives: Sequence[Relative], group=None) -> None:
    require_family_site(site)
    elsewhere = _attended([r.pk for r in relatives]).exclude(site=site)
    if group is not None:
        elsewhere = elsewhere | FamilyConversation.objects.filter(family_group=group).exclude(
            site=site
        )
    if elsewhere.exists():
        raise ValidationError(
            _(
                "It has conversations at another family site too, so it cannot be deleted "
                "here: that site's records are deleted there."
            )
        )


def _audit(actor, site: Site, conversations, relatives) -> None:
    for conversation in conversations:
        record_audit(
            actor=actor,
            action=AuditAction.DELETE,
            instance=conversation,
            site=site,
            before=snapshot(conversation, m2m=CONVERSATION_M2M),
        )
    for relative in relatives:
        record_audit(
            actor=actor,
            action=AuditAction.DELETE,
            instance=relative,
            site=site,
            before=snapshot(relative),
        )


@transaction.atomic
def delete_relative(*, actor, relative: Relative, site: Site) -> DeletedRecord:
    """Deletes a relative and the conversations at which no one else was present."""
    check_may_delete(actor, site)
    _check_one_site(site, [relative])
    conversations = list(conversations_going_with([relative]))
    _audit(actor, site, conversations, [relative])
    return bury(
        actor=actor,
        site=site,
        kind=DeletedKind.RELATIVE,
        roots=[*conversations, relative],
        code=relative.code,
        date=None,
    )


@transaction.atomic
def delete_family_group(*, actor, group: FamilyGroup) -> DeletedRecord:
    """Deletes a family group with its relatives and their conversations (see above)."""
    site = group.site
    check_may_delete(actor, site)
    relatives = list(group.relatives.order_by("id"))
    _check_one_site(site, relatives, group)
    conversations = list(conversations_going_with(relatives, group))
    _audit(actor, site, conversations, relatives)
    record_audit(
        actor=actor, action=AuditAction.DELETE, instance=group, site=site, before=snapshot(group)
    )
    return bury(
        actor=actor,
        site=site,
        kind=DeletedKind.FAMILY_GROUP,
        roots=[*conversations, *relatives, group],
        code=group.code,
        date=None,
    )
