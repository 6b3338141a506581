"""The anonymous chat: a chat (one young person's conversation at a chat or Family site), its
messages, who is on duty at the desk, and the site's chat settings.

Nothing identifies the young person: the pre-chat answers are the same coarse facts a
registration holds (age, gender, municipality, a theme), all optional; the token their page
holds is stored only as a hash; no address, user agent or device data is kept.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frirum.people.models import Gender


class ChatStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")
    LEFT = "left", _("Left the queue")


class AuthorKind(models.TextChoices):
    YOUTH = "youth", _("Young person")
    COUNSELLOR = "counsellor", _("Counsellor")
    # Written by the supervisor for the counsellor only; never sent to the young person.
    WHISPER = "whisper", _("Supervisor (whisper)")
    SYSTEM = "system", _("System")


# What the young person's side may read: everything but the supervisor's whispers.
YOUTH_VISIBLE = (AuthorKind.YOUTH, AuthorKind.COUNSELLOR, AuthorKind.SYSTEM)
OPEN_STATUSES = (ChatStatus.WAITING, ChatStatus.ACTIVE)
MESSAGE_MAX_LENGTH = 2000


class ChatSettings(models.Model):
    """A chat site's settings the centre chief may change."""

    site = models.OneToOneField(
        "sites.Site", on_delete=models.CASCADE, related_name="chat_settings"
    )
    capacity = models.PositiveSmallIntegerField(
        _("chats per counsellor"),
        default=1,
        choices=[(1, "1"), (2, "2")],
        help_text=_("How many chats one counsellor may have at the same time."),
    )
    # Surge: the supervisor on duty lets every counsellor take one chat more (audited).
    surge = models.BooleanField(_("surge mode"), default=False)
    # Sent for the counsellor the moment they take a chat in surge mode, so a full queue
    # hears at once that someone is there (empty: nothing is sent).
    surge_greeting = models.TextField(
        _("first answer in surge mode"),
        max_length=500,
        blank=True,
        help_text=_("Sent by itself when a counsellor takes a chat while surge mode is on."),
    )

    class Meta:
        verbose_name = _("chat settings")
        verbose_name_plural = _("chat settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=2), name="chat_capacity_1_or_2"
            )
        ]

    def __str__(self) -> str:
        return f"chat settings {self.site_id}"


class Chat(models.Model):
    site = models.ForeignKey(
        "sites.Site", on_delete=models.PROTECT, related_name="chats", verbose_name=_("site")
    )
    # sha256 of the young person's token (frirum.chat.tokens); the token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ChatStatus.choices, default=ChatStatus.WAITING
    )
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, blank=True)
    municipality = models.ForeignKey(
        "sites.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    topic = models.ForeignKey(
        "taxonomies.Term",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("what it is about"),
    )
    risk = models.BooleanField(_("risk"), default=False)
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chats",
        verbose_name=_("counsellor"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # The young person's page: connected now, or when it was last seen (the queue drops a
    # place whose page has been gone longer than FRIRUM_CHAT_QUEUE_GRACE_SECONDS).
    youth_connected = models.BooleanField(default=False)
    youth_seen_at = models.DateTimeField(null=True, blank=True)
    # The highest sequence number handed out; a new message takes the next under a row lock.
    last_seq = models.PositiveIntegerField(default=0)
    # The visitor's key for today (frirum.chat.ban), so a counsellor can ban them until
    # midnight; cleared by the retention command once the day is over.
    ban_key = models.CharField(max_length=64, blank=True)
    # The registration this chat ended in (a centre's chat site), so the young person's
    # questionnaire offered at the end of the chat is answered about it like any other's.
    contact = models.OneToOneField(
        "contacts.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chat",
        verbose_name=_("registration"),
    )
    # When the retention job deleted the words (the row and its registration stay).
    transcript_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("chat")
        verbose_name_plural = _("chats")
        indexes = [
            models.Index(fields=["site", "status"], name="chat_site_status_idx"),
            models.Index(fields=["ended_at"], name="chat_ended_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__lte=99), name="chat_age_range"
            ),
            models.CheckConstraint(
                condition=~Q(status=ChatStatus.ACTIVE) | Q(counsellor__isnull=False),
                name="chat_active_has_counsellor",
            ),
        ]

    def __str__(self) -> str:
        return f"chat {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ChatMessage(models.Model):
    chat = models.ForeignKey(Chat, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveIntegerField()
    # Chosen by the sending client; a resend with the same key returns the stored message.
    client_key = models.CharField(max_length=64)
    author_kind = models.CharField(max_length=16, choices=AuthorKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["chat", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["chat", "seq"], name="chat_message_seq_unique"),
            models.UniqueConstraint(
                fields=["chat", "client_key"], name="chat_message_client_key_unique"
            ),
            models.CheckConstraint(condition=Q(seq__gte=1), name="chat_message_seq_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.chat_id}#{self.seq}"


class DeskPresence(models.Model):
    """A counsellor with the chat desk open: who counts as online for the wait estimate."""

    site = models.ForeignKey("sites.Site", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Open desk sockets of this counsellor (two tabs count once).
    connections = models.PositiveSmallIntegerField(default=0)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "user"], name="chat_presence_unique")
        ]

    def __str__(self) -> str:
        return f"desk {self.site_id}/{self.user_id}"


class ChatBan(models.Model):
    """A visitor kept out of a site's chat until midnight (frirum.chat.ban): only the day's
    salted key, which matches no one the next day."""

    site = models.ForeignKey("sites.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    key_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "day", "key_hash"], name="chat_ban_unique")
        ]

    def __str__(self) -> str:
        return f"ban {self.site_id} {self.day}"


class CannedReply(models.Model):
    """A site's prepared answer the counsellor can put into the message box and adjust."""

    site = models.ForeignKey("sites.Site", on_delete=models.CASCADE, related_name="canned_replies")
    title = models.CharField(_("title"), max_length=60)
    text = models.TextField(_("text"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")

    def __str__(self) -> str:
        return self.title
