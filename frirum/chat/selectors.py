"""Reading the chat: the queue and its order, the wait estimate, a chat's messages."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from frirum.chat.models import (
    YOUTH_VISIBLE,
    Chat,
    ChatMessage,
    ChatSettings,
    ChatStatus,
    DeskPresence,
)
from frirum.chat.tokens import hash_token
from frirum.chat.wait import expected_wait_minutes, typical_chat_minutes
from frirum.sites.models import Site, SiteKind

CHAT_SITE_KINDS = (SiteKind.CHAT, SiteKind.FAMILY)
# How many of the site's latest ended chats give the typical chat length.
RECENT_CHATS = 30
# A desk not heard from for this long no longer counts as online (its socket pings).
PRESENCE_SECONDS = 90


def grace() -> dt.timedelta:
    return dt.timedelta(seconds=settings.FRIRUM_CHAT_QUEUE_GRACE_SECONDS)


def capacity(site: Site) -> int:
    """Chats per counsellor: the chief's setting, one more while the site is in surge mode."""
    row = ChatSettings.objects.filter(site=site).only("capacity", "surge").first()
    if row is None:
        return 1
    return row.capacity + (1 if row.surge else 0)


def setting_capacity(site: Site) -> int:
    """The chief's own setting, without the surge's extra chat."""
    row = ChatSettings.objects.filter(site=site).only("capacity").first()
    return row.capacity if row else 1


def in_surge(site: Site) -> bool:
    return ChatSettings.objects.filter(site=site, surge=True).exists()


def chat_for_token(token: str) -> Chat | None:
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    return Chat.objects.select_related("site").filter(token_hash=hash_token(token)).first()


def queue(site: Site, now: dt.datetime | None = None) -> QuerySet[Chat]:
    """The waiting chats in the order they are taken: a risk flag first, then the longest
    waiting. A place whose page has not been heard from for the grace period is not in it:
    an open page pings every 25 seconds, so only a closed tab or a dead phone drops out
    (the connected flag alone would keep a place forever after a server crash)."""
    now = now or timezone.now()
    return (
        Chat.objects.filter(site=site, status=ChatStatus.WAITING)
        .filter(youth_seen_at__gte=now - grace())
        .select_related("municipality", "topic")
        .order_by("-risk", "created_at", "id")
    )


def queue_position(chat: Chat, now: dt.datetime | None = None) -> int | None:
    """1 for the next to be taken; None when the chat is not in the queue."""
    if chat.status != ChatStatus.WAITING:
        return None
    ids = list(queue(chat.site, now).values_list("id", flat=True))
    return ids.index(chat.pk) + 1 if chat.pk in ids else None


def _online_since(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(seconds=PRESENCE_SECONDS)


def _online(site: Site, now: dt.datetime) -> QuerySet[DeskPresence]:
    """The site's counsellors online: a desk open and heard from within PRESENCE_SECONDS."""
    return DeskPresence.objects.filter(
        site=site, connections__gt=0, seen_at__gte=_online_since(now)
    )


def is_online(presence: DeskPresence, now: dt.datetime) -> bool:
    """Whether this desk presence is one of `_online`'s (the same test, on one row)."""
    return presence.connections > 0 and presence.seen_at >= _online_since(now)


def counsellors_online(site: Site, now: dt.datetime | None = None) -> int:
    return _online(site, now or timezone.now()).count()


def recent_chat_minutes(site: Site) -> list[float]:
    rows = (
        Chat.objects.filter(
            site=site, status=ChatStatus.ENDED, taken_at__isnull=False, ended_at__isnull=False
        )
        .order_by("-ended_at")
        .values_list("taken_at", "ended_at")[:RECENT_CHATS]
    )
    return [(ended - taken).total_seconds() / 60 for taken, ended in rows]


@dataclass(frozen=True)
class QueueState:
    position: int | None
    wait_minutes: int | None
    counsellors: int


@dataclass(frozen=True)
class QueueSnapshot:
    """The site's queue once, for everyone waiting there: the server that changes the queue
    reads it and sends it in one group message, and each young person's socket finds its own
    place in it without a query of its own (frirum.chat.notify)."""

    order: tuple[int, ...]  # the waiting chats' ids, the next to be taken first
    counsellors: int
    capacity: int
    busy: int
    typical_minutes: float

    def state_for(self, chat_id: int) -> QueueState:
        position = self.order.index(chat_id) + 1 if chat_id in self.order else None
        wait = None
        if position is not None:
            wait = expected_wait_minutes(
                position=position,
                counsellors=self.counsellors,
                capacity=self.capacity,
                busy=self.busy,
                recent_minutes=[self.typical_minutes],
            )
        return QueueState(position, wait, self.counsellors)

    def as_event(self) -> dict:
        return {
            "order": list(self.order),
            "counsellors": self.counsellors,
            "capacity": self.capacity,
            "busy": self.busy,
            "typical_minutes": self.typical_minutes,
        }

    @classmethod
    def from_event(cls, event: dict) -> "QueueSnapshot":
        return cls(
            order=tuple(event["order"]),
            counsellors=event["counsellors"],
            capacity=event["capacity"],
            busy=event["busy"],
            typical_minutes=event["typical_minutes"],
        )


def queue_snapshot(site: Site, now: dt.datetime | None = None) -> QueueSnapshot:
    """Five queries whatever the queue's length or the number of sockets waiting on it."""
    now = now or timezone.now()
    return QueueSnapshot(
        order=tuple(queue(site, now).values_list("id", flat=True)),
        counsellors=counsellors_online(site, now),
        capacity=capacity(site),
        busy=Chat.objects.filter(site=site, status=ChatStatus.ACTIVE).count(),
        typical_minutes=typical_chat_minutes(recent_chat_minutes(site)),
    )


def queue_state(chat: Chat, now: dt.datetime | None = None) -> QueueState:
    if chat.status != ChatStatus.WAITING:
        return QueueState(None, None, counsellors_online(chat.site, now))
    return queue_snapshot(chat.site, now).state_for(chat.pk)


def active_chats(site: Site, user) -> QuerySet[Chat]:
    return Chat.objects.filter(site=site, counsellor=user, status=ChatStatus.ACTIVE).order_by(
        "taken_at", "id"
    )


def messages_after(chat: Chat, after: int, *, for_youth: bool) -> list[ChatMessage]:
    """The messages after sequence number `after`, in order: what a (re)connecting client
    has not seen yet. The young person never receives the supervisor's whispers."""
    messages = ChatMessage.objects.filter(chat=chat, seq__gt=max(0, after))
    if for_youth:
        messages = messages.filter(author_kind__in=YOUTH_VISIBLE)
    return list(messages.order_by("seq"))


def duration_minutes(chat: Chat) -> int | None:
    """The conversation's length for its registration: from taken to ended."""
    if chat.taken_at is None or chat.ended_at is None:
        return None
    return max(1, round((chat.ended_at - chat.taken_at).total_seconds() / 60))


def live_chats(site: Site) -> QuerySet[Chat]:
    """Every chat in progress at the site, for its supervisor: risk first, then the oldest."""
    return (
        Chat.objects.filter(site=site, status=ChatStatus.ACTIVE)
        .select_related("counsellor", "topic")
        .order_by("-risk", "taken_at", "id")
    )


def transfer_targets(site: Site, *, exclude, now: dt.datetime | None = None) -> list:
    """Counsellors with the desk open at the site and room for one more chat."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q

    now = now or timezone.now()
    online = _online(site, now).values("user_id")
    users = (
        get_user_model()
        .objects.filter(
            id__in=online, is_active=True, memberships__site=site, memberships__is_active=True
        )
        .exclude(pk=exclude.pk)
        .annotate(
            busy=Count(
                "chats", filter=Q(chats__site=site, chats__status=ChatStatus.ACTIVE), distinct=True
            )
        )
        .distinct()
        .order_by("full_name")
    )
    room = capacity(site)
    return [user for user in users if user.busy < room]


def surge_greeting(site: Site) -> str:
    row = ChatSettings.objects.filter(site=site).only("surge_greeting").first()
    return row.surge_greeting if row else ""


def offers_questionnaire(site: Site) -> bool:
    """A centre's chat site asks its questionnaire at the end; Family sites have none."""
    from frirum.questionnaires.selectors import questionnaire_for_site

    return site.kind == SiteKind.CHAT and bool(questionnaire_for_site(site))
