"""Writing the chat. Every message is in the database (its transaction committed) before a
notification about it is sent; the notification is registered with on_commit, so a rolled
back write never announces anything."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from frirum.audit.actions import record_audit, record_event, snapshot
from frirum.audit.models import AuditAction
from frirum.chat import notify, store
from frirum.chat.models import (
    MESSAGE_MAX_LENGTH,
    AuthorKind,
    CannedReply,
    Chat,
    ChatBan,
    ChatMessage,
    ChatSettings,
    ChatStatus,
)
from frirum.chat.selectors import active_chats, capacity, offers_questionnaire, queue
from frirum.chat.texts import SYSTEM_TEXTS
from frirum.chat.tokens import new_token
from frirum.sites.schedule import local_date, local_datetime

CLIENT_KEY_MAX = 64


class ChatClosed(Exception):
    """The chat no longer takes messages (ended, or left the queue)."""


# Named functions, not partials: Django logs a robust hook's failure under the function's
# __qualname__, which a partial lacks (the log call itself would raise).
def _announce_chat(message: ChatMessage) -> None:
    """A message just stored; a person's words travel with the notification (see notify)."""
    chat_id, seq, words = message.chat_id, message.seq, notify.carried(message)

    def announce_chat():
        notify.notify_chat(chat_id, seq, words)

    transaction.on_commit(announce_chat, robust=True)


def _audit(*, actor, chat: Chat, what: str, **details) -> None:
    # The chat's facts, never its words.
    record_event(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="chat",
        object_id=str(chat.pk),
        site=chat.site,
        details={"chat": what, **details},
    )


def start_chat(
    *, site, age=None, gender="", municipality=None, topic=None, ban_key: str = ""
) -> tuple[Chat, str]:
    """A new chat in the site's queue; returns it and the young person's token (shown once,
    never stored)."""
    token, token_hash = new_token()
    with transaction.atomic():
        chat = Chat.objects.create(
            site=site,
            token_hash=token_hash,
            ban_key=ban_key,
            age=age,
            gender=gender or "",
            municipality=municipality,
            topic=topic,
            youth_seen_at=timezone.now(),
        )
        notify.queue_after_commit(site.pk)
    return chat, token


def _system_message(chat: Chat, key: str, text: str) -> ChatMessage:
    """A line from the system ("a counsellor has joined"); call inside the chat's lock."""
    chat.last_seq += 1
    message = ChatMessage.objects.create(
        chat=chat,
        seq=chat.last_seq,
        client_key=f"system:{key}",
        author_kind=AuthorKind.SYSTEM,
        text=text,
    )
    chat.save(update_fields=["last_seq"])
    _announce_chat(message)
    return message


def _clean_text(text) -> str:
    if not isinstance(text, str):
        raise ValidationError(_("Write a message."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write a message."))
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("A message can be at most %(max)d characters.") % {"max": MESSAGE_MAX_LENGTH}
        )
    return text


def _clean_key(client_key) -> str:
    if not isinstance(client_key, str) or not 1 <= len(client_key) <= CLIENT_KEY_MAX:
        raise ValidationError(_("The message has no valid client key."))
    if client_key.startswith("system:"):
        raise ValidationError(_("The message has no valid client key."))
    return client_key


def post_message(
    *, chat_id: int, author_kind: str, text, client_key, author=None
) -> tuple[ChatMessage, bool]:
    """Store a message under the chat's next sequence number. A resend with the same client
    key returns the stored message and False (created) instead of a second copy.

    The chat's row is locked while the number is taken, so two senders never get the same
    one; the unique constraints (chat, seq) and (chat, client_key) are the last guard.
    On PostgreSQL the usual case is one statement (frirum.chat.store); what it does not
    store (a closed chat, a resend, bad text) comes here, the long way, which tells those
    apart: begin, the locked read that also asks whether the key is stored, insert, update,
    commit."""
    client_key = _clean_key(client_key)
    if store.applies() and author_kind in store.AUTHORS:
        message = _store_at_once(chat_id, author_kind, author, text, client_key)
        if message is not None:
            _announce_chat(message)
            return message, True
    try:
        with transaction.atomic():
            chat = (
                Chat.objects.select_for_update()
                .annotate(
                    resent=Exists(
                        ChatMessage.objects.filter(chat=OuterRef("pk"), client_key=client_key)
                    )
                )
                .get(pk=chat_id)
            )
            if chat.resent:
                return ChatMessage.objects.get(chat=chat, client_key=client_key), False
            text = _clean_text(text)
            if author_kind == AuthorKind.YOUTH:
                if not chat.is_open:
                    raise ChatClosed
            elif author_kind == AuthorKind.COUNSELLOR:
                if chat.status != ChatStatus.ACTIVE or chat.counsellor_id != author.pk:
                    raise ChatClosed
            elif author_kind == AuthorKind.WHISPER:
                if chat.status != ChatStatus.ACTIVE:
                    raise ChatClosed
            else:
                raise ValidationError(_("Unknown author."))
            chat.last_seq += 1
            message = ChatMessage.objects.create(
                chat=chat,
                seq=chat.last_seq,
                client_key=client_key,
                author_kind=author_kind,
                author=author if author_kind != AuthorKind.YOUTH else None,
                text=text,
            )
            chat.save(update_fields=["last_seq"])
            _announce_chat(message)
    except IntegrityError:
        # Only reachable if the lock is bypassed (a database without row locks racing the
        # same key): this attempt rolled back whole, announcing nothing; the stored copy wins.
        return ChatMessage.objects.get(chat_id=chat_id, client_key=client_key), False
    return message, True


def _store_at_once(chat_id, author_kind, author, text, client_key) -> ChatMessage | None:
    try:
        text = _clean_text(text)
    except ValidationError:
        return None  # the long way says so, after checking for a resend of a stored key
    try:
        return store.store_in_one_statement(
            chat_id=chat_id,
            author_kind=author_kind,
            author=author,
            text=text,
            client_key=client_key,
        )
    except IntegrityError:
        return None  # a resend racing with this one stored the key: the long way returns it


class OverCapacity(Exception):
    """The counsellor already has as many chats as the site allows."""


def take_next(*, site, user, now: dt.datetime | None = None) -> Chat | None:
    """The counsellor takes the first chat in the queue (risk first, then the longest
    waiting), if their capacity allows; None when the queue is empty."""
    now = now or timezone.now()
    with transaction.atomic():
        if active_chats(site, user).count() >= capacity(site):
            raise OverCapacity
        # Locked and skipped when another desk is taking the same one at the same moment.
        candidate = queue(site, now).select_for_update(skip_locked=True, of=("self",)).first()
        if candidate is None:
            return None
        chat = Chat.objects.select_for_update().select_related("site").get(pk=candidate.pk)
        if chat.status != ChatStatus.WAITING:
            return None
        chat.status = ChatStatus.ACTIVE
        chat.counsellor = user
        chat.taken_at = now
        chat.save(update_fields=["status", "counsellor", "taken_at"])
        _system_message(chat, "taken", str(SYSTEM_TEXTS["system:taken"]))
        _surge_greeting(chat, user)
        _audit(actor=user, chat=chat, what="taken")
        notify.queue_after_commit(site.pk)
    return chat


def _surge_greeting(chat: Chat, user) -> None:
    """In surge mode the site's short first answer goes out in the counsellor's name the
    moment they take the chat (call inside the chat's lock)."""
    row = ChatSettings.objects.filter(site_id=chat.site_id).first()
    if row is None or not row.surge or not row.surge_greeting.strip():
        return
    chat.last_seq += 1
    message = ChatMessage.objects.create(
        chat=chat,
        seq=chat.last_seq,
        # One per chat: the key is the chat's first counsellor's greeting.
        client_key="surge:greeting",
        author_kind=AuthorKind.COUNSELLOR,
        author=user,
        text=row.surge_greeting.strip(),
    )
    chat.save(update_fields=["last_seq"])
    _announce_chat(message)


class CannotTransfer(Exception):
    """The other counsellor is not on duty at the desk, or has no room for another chat."""


def transfer_chat(*, chat: Chat, user, to_user, now: dt.datetime | None = None) -> Chat:
    """Pass an active chat to another counsellor with the desk open and room for it."""
    from frirum.chat.selectors import transfer_targets

    with transaction.atomic():
        chat = Chat.objects.select_for_update().select_related("site").get(pk=chat.pk)
        if chat.status != ChatStatus.ACTIVE or to_user.pk == chat.counsellor_id:
            raise CannotTransfer
        if to_user.pk not in {u.pk for u in transfer_targets(chat.site, exclude=user, now=now)}:
            raise CannotTransfer
        chat.counsellor = to_user
        chat.save(update_fields=["counsellor"])
        _system_message(
            chat, f"transferred:{chat.last_seq + 1}", str(SYSTEM_TEXTS["system:transferred"])
        )
        _audit(actor=user, chat=chat, what="transferred", to=str(to_user))
        notify.queue_after_commit(chat.site_id)
    return chat


def take_over(*, chat: Chat, user) -> Chat:
    """The supervisor takes a colleague's chat over (whatever their own capacity: it is why
    a supervisor steps in)."""
    with transaction.atomic():
        chat = Chat.objects.select_for_update().select_related("site").get(pk=chat.pk)
        if chat.status != ChatStatus.ACTIVE or chat.counsellor_id == user.pk:
            return chat
        before = str(chat.counsellor)
        chat.counsellor = user
        chat.save(update_fields=["counsellor"])
        _system_message(
            chat, f"transferred:{chat.last_seq + 1}", str(SYSTEM_TEXTS["system:transferred"])
        )
        _audit(actor=user, chat=chat, what="taken over", previous=before)
        notify.queue_after_commit(chat.site_id)
    return chat


def end_chat(*, chat: Chat, user=None, now: dt.datetime | None = None) -> Chat:
    """The counsellor (or the young person, user None) ends the chat."""
    now = now or timezone.now()
    with transaction.atomic():
        chat = Chat.objects.select_for_update().select_related("site").get(pk=chat.pk)
        if not chat.is_open:
            return chat
        was_waiting = chat.status == ChatStatus.WAITING
        chat.status = ChatStatus.LEFT if was_waiting else ChatStatus.ENDED
        chat.ended_at = now
        chat.save(update_fields=["status", "ended_at"])
        key = "left" if was_waiting else ("ended_by_youth" if user is None else "ended")
        _system_message(chat, key, str(SYSTEM_TEXTS[f"system:{key}"]))
        if user is not None:
            _audit(actor=user, chat=chat, what="ended")
        notify.queue_after_commit(chat.site_id)
    return chat


def ban_until_midnight(*, chat: Chat, user) -> Chat:
    """End the chat and keep its visitor out of the site's chat for the rest of the day."""
    with transaction.atomic():
        if chat.ban_key:
            ChatBan.objects.get_or_create(
                site=chat.site,
                day=local_date(chat.created_at),
                key_hash=chat.ban_key,
                defaults={"created_by": user},
            )
        _audit(actor=user, chat=chat, what="banned until midnight")
        return end_chat(chat=chat, user=user)


def set_risk(*, chat: Chat, user, risk: bool) -> Chat:
    with transaction.atomic():
        chat = Chat.objects.select_for_update().select_related("site").get(pk=chat.pk)
        if chat.risk != risk:
            chat.risk = risk
            chat.save(update_fields=["risk"])
            _audit(actor=user, chat=chat, what="risk", risk=risk)
            notify.queue_after_commit(chat.site_id)
    return chat


def _change_setting(*, site, user, field: str, value, describe, announce: bool = True):
    """One chat setting of a site changed under a row lock and audited (`describe(before)`
    says what changed); the queue is told when the setting changes who may take what."""
    with transaction.atomic():
        row, _created = ChatSettings.objects.select_for_update().get_or_create(site=site)
        before = getattr(row, field)
        if before != value:
            setattr(row, field, value)
            row.save(update_fields=[field])
            record_event(
                actor=user,
                action=AuditAction.UPDATE,
                object_type="chat settings",
                object_id=str(site.pk),
                object_code=site.code,
                site=site,
                details={field.replace("_", " "): describe(before)},
            )
            if announce:
                notify.queue_after_commit(site.pk)
    return row


def set_capacity(*, site, user, value: int) -> ChatSettings:
    return _change_setting(
        site=site,
        user=user,
        field="capacity",
        value=value,
        describe=lambda before: f"{before} → {value}",
    )


def set_surge(*, site, user, on: bool) -> ChatSettings:
    """The supervisor's surge switch: every counsellor may take one chat more."""
    return _change_setting(
        site=site, user=user, field="surge", value=on, describe=lambda _: "on" if on else "off"
    )


def set_surge_greeting(*, site, user, text: str) -> ChatSettings:
    """The short first answer surge mode sends; audited like the switch itself."""
    text = (text or "").strip()
    return _change_setting(
        site=site,
        user=user,
        field="surge_greeting",
        value=text,
        describe=lambda before: f"{before} → {text}",
        announce=False,
    )


def link_registration(*, chat: Chat, contact, actor) -> Chat:
    """The registration made from an ended chat: the questionnaire offered in the chat is
    answered about this contact, like any other conversation's."""
    with transaction.atomic():
        chat = Chat.objects.select_for_update().select_related("site").get(pk=chat.pk)
        if chat.contact_id is None:
            chat.contact = contact
            chat.save(update_fields=["contact"])
            _audit(actor=actor, chat=chat, what="registered", contact=contact.code)
            if offers_questionnaire(chat.site):
                # The young person's page waits for this line to say the questions are ready.
                _system_message(chat, "registered", str(SYSTEM_TEXTS["system:registered"]))
    return chat


def add_canned_reply(*, site, user, title: str, text: str) -> CannedReply:
    with transaction.atomic():
        reply = CannedReply.objects.create(site=site, title=title, text=text)
        record_audit(
            actor=user, action=AuditAction.CREATE, instance=reply, site=site, after=snapshot(reply)
        )
    return reply


def delete_canned_reply(*, reply: CannedReply, user) -> None:
    with transaction.atomic():
        record_audit(
            actor=user,
            action=AuditAction.DELETE,
            instance=reply,
            site=reply.site,
            before=snapshot(reply),
        )
        reply.delete()


def retention_days() -> int:
    return settings.FRIRUM_CHAT_RETENTION_DAYS


def expire_abandoned(*, now: dt.datetime | None = None) -> int:
    """Waiting chats whose page has been gone past the grace period leave the queue."""
    now = now or timezone.now()
    limit = now - dt.timedelta(seconds=settings.FRIRUM_CHAT_QUEUE_GRACE_SECONDS)
    stale = Chat.objects.filter(status=ChatStatus.WAITING, youth_seen_at__lt=limit)
    return stale.update(status=ChatStatus.LEFT, ended_at=now)


def purge_transcripts(*, now: dt.datetime | None = None) -> int:
    """Delete the words of chats that ended more than the retention period ago. The chat's
    row (its site, times and pre-chat answers) stays, and so does its registration."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=retention_days())
    with transaction.atomic():
        # Yesterday's ban keys match no one today (frirum.chat.ban): nothing to keep them for.
        today = local_date(now)
        ChatBan.objects.filter(day__lt=today).delete()
        Chat.objects.filter(created_at__lt=local_datetime(today, dt.time(0))).exclude(
            ban_key=""
        ).update(ban_key="")
        chats = Chat.objects.filter(ended_at__lt=cutoff, transcript_deleted_at__isnull=True)
        ids = list(chats.values_list("id", flat=True))
        deleted, _counts = ChatMessage.objects.filter(chat_id__in=ids).delete()
        Chat.objects.filter(id__in=ids).update(transcript_deleted_at=now)
    return deleted
