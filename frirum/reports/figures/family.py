"""headspace Family figures: conversations with relatives, inquiries, relatives at contacts."""

from django.db.models import Count, QuerySet

from frirum.contacts.choices import Channel
from frirum.contacts.models import Contact
from frirum.family.models import BridgedFor, FamilyConversation, FamilyKind, RelativeInquiry
from frirum.family.selectors import first_meeting_conversation_ids
from frirum.reports.figures.common import (
    UNKNOWN,
    grouped_counts,
    share,
    shares,
)
from frirum.reports.figures.common import with_zeros as complete

Attendance = FamilyConversation.relatives.through
KIND_KEYS = list(FamilyKind.values)
CHANNEL_KEYS = list(Channel.values)
BRIDGED_FOR_KEYS = list(BridgedFor.values)
RELATION = "relative__relation__code"


def _ids(conversations: QuerySet[FamilyConversation]):
    return conversations.order_by().values("id")


def _sorted(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items()))


def first_meetings(conversations: QuerySet[FamilyConversation]) -> int:
    """How many of `conversations` are some relative's first Family conversation ever
    (any year, any site; earliest date, then smallest conversation code)."""
    return conversations.filter(id__in=first_meeting_conversation_ids(conversations)).count()


def conversation_figures(conversations: QuerySet[FamilyConversation]) -> tuple[dict, dict]:
    """(`relatives.*`, `conversations.*`)."""
    total = conversations.order_by().count()
    attendance = Attendance.objects.filter(familyconversation__in=_ids(conversations))
    counts = attendance.order_by().aggregate(
        relatives=Count("relative_id", distinct=True), attendances=Count("id")
    )
    by_relation = (
        attendance.order_by().values_list(RELATION).annotate(n=Count("relative_id", distinct=True))
    )
    peer = conversations.filter(peer_volunteer_present=True).order_by().count()
    channels = grouped_counts(conversations, "channel")
    if not channels.get(UNKNOWN):
        channels.pop(UNKNOWN, None)
    relatives = {
        "total": counts["relatives"],
        "by_relation": _sorted({code or UNKNOWN: n for code, n in by_relation}),
    }
    return relatives, {
        "total": total,
        "by_kind": complete(grouped_counts(conversations, "kind"), KIND_KEYS),
        "by_channel": complete(channels, CHANNEL_KEYS),
        "first_meetings": (firsts := first_meetings(conversations)),
        "first_meeting_share": share(firsts, total),
        # Each relative's number of conversations, summed, is the number of attendances.
        "per_relative": share(counts["attendances"], counts["relatives"]),
        "peer_volunteer": peer,
        "peer_volunteer_share": share(peer, total),
    }


def term_counts(relation, conversations: QuerySet[FamilyConversation]) -> dict[str, int]:
    through = relation.through.objects.filter(familyconversation__in=_ids(conversations))
    return _sorted(grouped_counts(through, "term__code", empty=None))


def theme_figures(conversations: QuerySet[FamilyConversation], *, total: int, by_kind: dict):
    themes = shares(term_counts(FamilyConversation.themes, conversations), total)
    through = FamilyConversation.themes.through.objects.filter(
        familyconversation__in=_ids(conversations)
    )
    rows = (
        through.order_by()
        .values_list("familyconversation__kind", "term__code")
        .annotate(n=Count("id"))
        .order_by("familyconversation__kind", "term__code")
    )
    themes_by_kind: dict[str, dict[str, float]] = {}
    for kind, code, n in rows:
        themes_by_kind.setdefault(kind, {})[code] = share(n, by_kind.get(kind, 0))
    return themes, themes_by_kind


def bridging_figures(conversations: QuerySet[FamilyConversation], *, total: int) -> dict:
    bridged = conversations.filter(bridged=True)
    count = bridged.order_by().count()
    bridged_for = grouped_counts(bridged, "bridged_for")
    if not bridged_for.get(UNKNOWN):
        bridged_for.pop(UNKNOWN, None)
    return {
        "conversations": count,
        "share": share(count, total),
        "for": shares(complete(bridged_for, BRIDGED_FOR_KEYS), count),
        "methods": shares(term_counts(FamilyConversation.bridging_methods, bridged), count),
        "destinations": shares(
            term_counts(FamilyConversation.bridging_destinations, bridged), count
        ),
    }


def inquiry_figures(inquiries: QuerySet[RelativeInquiry]) -> dict:
    total = inquiries.order_by().count()
    return {
        "total": total,
        "by_relation": _sorted(grouped_counts(inquiries, "relation__code")),
        "by_reason": shares(_sorted(grouped_counts(inquiries, "reason")), total),
    }


def relative_present_figures(contacts: QuerySet[Contact]) -> dict:
    with_relative = contacts.filter(relative_present__isnull=False)
    total = with_relative.order_by().count()
    return {
        "total": total,
        "by_relation": shares(
            _sorted(grouped_counts(with_relative, "relative_present__code")), total
        ),
    }
