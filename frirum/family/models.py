from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frirum.contacts.choices import Channel
from frirum.lib.codes import anonymous_code, new_record_code, random_code
from frirum.taxonomies.models import Vocabulary


def _relative_code() -> str:
    raw = random_code(8)
    return f"P-{raw[:4]}-{raw[4:]}"


def new_relative_code() -> str:
    return anonymous_code(_relative_code)


def new_family_group_code() -> str:
    return new_record_code("G")


def new_conversation_code() -> str:
    return new_record_code("F")


def new_inquiry_code() -> str:
    return new_record_code("H")


class FamilyGroup(models.Model):
    """Relatives of one family, optionally linked to the young person by pseudonym only."""

    code = models.CharField(_("code"), max_length=64, unique=True, default=new_family_group_code)
    label = models.CharField(_("label"), max_length=40, blank=True)
    site = models.ForeignKey("sites.Site", on_delete=models.PROTECT, related_name="family_groups")
    youth = models.ForeignKey(
        "people.Youth",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="family_groups",
        verbose_name=_("young person"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        # The group list, newest first, a page at a time.
        indexes = [models.Index(fields=["site", "created_at"], name="familygroup_site_created_idx")]
        verbose_name = _("family group")
        verbose_name_plural = _("family groups")

    def __str__(self) -> str:
        return f"{self.label} ({self.code})" if self.label else self.code


class Relative(models.Model):
    """A relative of a young person: anonymous, a pseudonym and at most a first-name label."""

    code = models.CharField(_("pseudonym"), max_length=64, unique=True, default=new_relative_code)
    label = models.CharField(_("first name or label"), max_length=40, blank=True)
    relation = models.ForeignKey(
        "taxonomies.Term",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.RELATION},
        verbose_name=_("relation"),
    )
    family_group = models.ForeignKey(
        FamilyGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="relatives"
    )
    registered_at_site = models.ForeignKey(
        "sites.Site", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    import_batch = models.ForeignKey(
        "interchange.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["code"]
        # The relative list, newest first, a page at a time: all relatives (probed for the site
        # one by one) and those registered at the site.
        indexes = [
            models.Index(fields=["created_at"], name="relative_created_idx"),
            models.Index(
                fields=["registered_at_site", "created_at"], name="relative_site_created_idx"
            ),
        ]
        verbose_name = _("relative")
        verbose_name_plural = _("relatives")

    def __str__(self) -> str:
        return f"{self.label} ({self.code})" if self.label else self.code


class FamilyKind(models.TextChoices):
    RELATIVE = "relative", _("A relative alone")
    FAMILY_WITHOUT_YOUTH = "family_without_youth", _("The family without the young person")
    FAMILY_WITH_YOUTH = "family_with_youth", _("The family with the young person")


class BridgedFor(models.TextChoices):
    RELATIVE = "relative", _("The relative")
    FAMILY = "family", _("The whole family")
    YOUTH = "youth", _("The young person")


class FamilyConversation(models.Model):
    code = models.CharField(_("code"), max_length=64, unique=True, default=new_conversation_code)
    site = models.ForeignKey(
        "sites.Site", on_delete=models.PROTECT, related_name="family_conversations"
    )
    family_group = models.ForeignKey(
        FamilyGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="conversations"
    )
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=FamilyKind.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, blank=True)
    relatives = models.ManyToManyField(
        Relative, related_name="conversations", verbose_name=_("relatives present")
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("counsellor"),
    )
    # Imported conversations say only whether a peer volunteer took part, not who.
    peer_volunteer_present = models.BooleanField(_("peer volunteer present"), default=False)
    peer_volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("peer volunteer"),
    )
    themes = models.ManyToManyField(
        "taxonomies.Term",
        blank=True,
        related_name="family_conversations_with_theme",
        limit_choices_to={"vocabulary": Vocabulary.FAMILY_THEME},
        verbose_name=_("themes"),
    )
    bridged = models.BooleanField(_("bridged"), default=False)
    bridged_for = models.CharField(
        _("bridged for"), max_length=16, choices=BridgedFor.choices, blank=True
    )
    bridging_methods = models.ManyToManyField(
        "taxonomies.Term",
        blank=True,
        related_name="family_conversations_with_method",
        limit_choices_to={"vocabulary": Vocabulary.FAMILY_BRIDGING_METHOD},
        verbose_name=_("bridging methods"),
    )
    bridging_destinations = models.ManyToManyField(
        "taxonomies.Term",
        blank=True,
        related_name="family_conversations_with_destination",
        limit_choices_to={"vocabulary": Vocabulary.DESTINATION},
        verbose_name=_("bridging destinations"),
    )
    # A bridging stays open on the site's dashboard until someone has followed it up.
    bridging_followed_up_at = models.DateTimeField(_("bridging followed up"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    import_batch = models.ForeignKey(
        "interchange.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-time", "-id"]
        verbose_name = _("family conversation")
        verbose_name_plural = _("family conversations")
        indexes = [models.Index(fields=["site", "date"], name="familyconv_site_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(peer_volunteer__isnull=True) | Q(peer_volunteer_present=True),
                name="familyconv_peer_named_only_when_present",
            ),
            models.CheckConstraint(
                condition=Q(bridged=True) | Q(bridged_for=""),
                name="familyconv_bridged_for_only_when_bridged",
            ),
            models.CheckConstraint(
                condition=Q(bridged=True) | Q(bridging_followed_up_at__isnull=True),
                name="familyconv_followed_up_only_when_bridged",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.date:%d.%m.%Y}"


class InquiryReason(models.TextChoices):
    FAMILY_MATTERS = "family_matters", _("A talk about family matters")
    WORRY_MENTAL_HEALTH = "worry_mental_health", _("Worry for the young person's mental health")
    FAMILY_PROGRAMME_INFO = "family_programme_info", _("Information about Family")
    OTHER = "other", _("Other")


class RelativeInquiry(models.Model):
    """A relative phones, mails or walks in about a young person."""

    code = models.CharField(_("code"), max_length=64, unique=True, default=new_inquiry_code)
    site = models.ForeignKey(
        "sites.Site", on_delete=models.PROTECT, related_name="relative_inquiries"
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, blank=True)
    relation = models.ForeignKey(
        "taxonomies.Term",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.RELATION},
        verbose_name=_("relation"),
    )
    reason = models.CharField(_("reason"), max_length=32, choices=InquiryReason.choices, blank=True)
    led_to_conversation = models.BooleanField(_("led to a Family conversation"), default=False)
    referred_to_centre = models.BooleanField(_("referred to a centre"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    import_batch = models.ForeignKey(
        "interchange.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("relative inquiry")
        verbose_name_plural = _("relative inquiries")
        indexes = [models.Index(fields=["site", "date"], name="inquiry_site_date_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.date:%d.%m.%Y}"
