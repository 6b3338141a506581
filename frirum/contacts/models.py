from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frirum.contacts.choices import Channel, ContactKind, DropoutRisk, EducationStatus, OutreachKind
from frirum.lib.codes import new_record_code
from frirum.taxonomies.models import Vocabulary


def new_contact_code() -> str:
    return new_record_code("C")


def new_outreach_code() -> str:
    return new_record_code("O")


class GroupSession(models.Model):
    """A group course meeting; each participant gets a contact of kind `group`."""

    site = models.ForeignKey("sites.Site", on_delete=models.PROTECT, related_name="group_sessions")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("group session")
        verbose_name_plural = _("group sessions")

    def __str__(self) -> str:
        return f"{self.title or _('Group')} {self.date:%d.%m.%Y}"


class Contact(models.Model):
    """One conversation with a young person (a `contact` in the interchange format)."""

    code = models.CharField(_("code"), max_length=64, unique=True, default=new_contact_code)
    youth = models.ForeignKey(
        "people.Youth",
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=_("young person"),
    )
    site = models.ForeignKey(
        "sites.Site", on_delete=models.PROTECT, related_name="contacts", verbose_name=_("site")
    )
    date = models.DateField(_("date"))
    # Local time of day; imported contacts carry only a date.
    time = models.TimeField(_("time"), null=True, blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ContactKind.choices, default=ContactKind.COUNSELLING
    )
    group_session = models.ForeignKey(
        GroupSession, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, blank=True)
    counsellors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="contacts", verbose_name=_("counsellors")
    )
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    # An empty value means unknown, exactly as the interchange format has it.
    education_status = models.CharField(
        _("education status"), max_length=32, choices=EducationStatus.choices, blank=True
    )
    dropout_risk = models.CharField(
        _("dropout risk"), max_length=16, choices=DropoutRisk.choices, blank=True
    )
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    themes = models.ManyToManyField(
        "taxonomies.Term",
        blank=True,
        related_name="contacts_with_theme",
        limit_choices_to={"vocabulary": Vocabulary.YOUTH_THEME},
        verbose_name=_("themes"),
    )
    relative_present = models.ForeignKey(
        "taxonomies.Term",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.RELATION},
        verbose_name=_("relative present"),
    )
    bridged = models.BooleanField(_("bridged"), default=False)
    bridging_methods = models.ManyToManyField(
        "taxonomies.Term",
        blank=True,
        related_name="contacts_with_method",
        limit_choices_to={"vocabulary": Vocabulary.YOUTH_BRIDGING_METHOD},
        verbose_name=_("bridging methods"),
    )
    bridging_destinations = models.ManyToManyField(
        "taxonomies.Term",
        blank=True,
        related_name="contacts_with_destination",
        limit_choices_to={"vocabulary": Vocabulary.DESTINATION},
        verbose_name=_("bridging destinations"),
    )
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
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        indexes = [
            models.Index(fields=["site", "date"], name="contact_site_date_idx"),
            models.Index(fields=["youth", "site", "date"], name="contact_youth_site_date_idx"),
            models.Index(fields=["date"], name="contact_date_idx"),
            # The Family dashboard's year of conversations with a relative present (about 3 %
            # of all): read from this small index instead of the whole year's conversations.
            models.Index(
                fields=["date", "relative_present"],
                name="contact_relative_date_idx",
                condition=Q(relative_present__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__lte=99), name="contact_age_range"
            ),
            models.CheckConstraint(
                condition=Q(group_session__isnull=True) | Q(kind=ContactKind.GROUP),
                name="contact_group_session_only_for_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.date:%d.%m.%Y}"


class Outreach(models.Model):
    """An outreach activity: staff talk briefly with unregistered young people."""

    code = models.CharField(_("code"), max_length=64, unique=True, default=new_outreach_code)
    site = models.ForeignKey(
        "sites.Site", on_delete=models.PROTECT, related_name="outreach", verbose_name=_("site")
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=32, choices=OutreachKind.choices)
    short_contacts = models.PositiveIntegerField(_("short contacts"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    import_batch = models.ForeignKey(
        "interchange.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("outreach activity")
        verbose_name_plural = _("outreach activities")
        indexes = [models.Index(fields=["site", "date"], name="outreach_site_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"
