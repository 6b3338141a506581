"""Rosters: a site's weekly shift templates, the shifts they generate on its opening days, who
is on each shift, releases and take-overs, and the notifications about every change.

Shifts keep the local date and local wall-clock times (Europe/Copenhagen, the zone of
frirum.sites.schedule): a 15:00 shift stays at 15:00 across the change to summer time. The
instants are computed when needed (Shift.starts_at)."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frirum.sites.models import Weekday
from frirum.sites.schedule import local_datetime


class RosterSettings(models.Model):
    site = models.OneToOneField("sites.Site", on_delete=models.CASCADE, related_name="roster")
    release_needs_approval = models.BooleanField(
        _("the chief approves take-overs"),
        default=False,
        help_text=_("A released shift changes hands only when the chief approves."),
    )

    class Meta:
        verbose_name = _("roster settings")
        verbose_name_plural = _("roster settings")

    def __str__(self) -> str:
        return str(self.site)


class ShiftTemplate(models.Model):
    """A recurring slot on a weekday. Without times it covers the day's opening hours."""

    site = models.ForeignKey("sites.Site", on_delete=models.CASCADE, related_name="shift_templates")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    label = models.CharField(
        _("name"), max_length=60, blank=True, help_text=_("E.g. Counsellors, Chat, Supervisor.")
    )
    starts = models.TimeField(
        _("from"), null=True, blank=True, help_text=_("Empty: when the site opens.")
    )
    ends = models.TimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: when it closes.")
    )
    min_counsellors = models.PositiveSmallIntegerField(_("at least"), default=2)
    max_counsellors = models.PositiveSmallIntegerField(_("at most"), default=4)
    required = models.ManyToManyField(
        "volunteers.Qualification",
        blank=True,
        related_name="+",
        verbose_name=_("required qualifications"),
        help_text=_("Everyone on the shift must hold all of these."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["weekday", "starts", "label"]
        verbose_name = _("shift template")
        verbose_name_plural = _("shift templates")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    min_counsellors__lte=models.F("max_counsellors"), max_counsellors__gte=1
                ),
                name="shift_template_staffing_order",
            ),
            models.CheckConstraint(
                condition=Q(starts__isnull=True)
                | Q(ends__isnull=True)
                | Q(ends__gt=models.F("starts")),
                name="shift_template_times_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.label}".strip()

    def applies_on(self, date: dt.date) -> bool:
        return (
            date.weekday() == self.weekday
            and (self.valid_from is None or self.valid_from <= date)
            and (self.valid_to is None or date <= self.valid_to)
        )


class Shift(models.Model):
    site = models.ForeignKey("sites.Site", on_delete=models.CASCADE, related_name="shifts")
    # RESTRICT: a template with shifts stays (frirum.rosters.generation.retire_template), unless
    # its site, and so the shifts too, is deleted.
    template = models.ForeignKey(ShiftTemplate, on_delete=models.RESTRICT, related_name="shifts")
    date = models.DateField(_("date"))
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    # Copied from the template so a changed template does not rewrite past rosters' staffing.
    min_counsellors = models.PositiveSmallIntegerField(_("at least"))
    max_counsellors = models.PositiveSmallIntegerField(_("at most"))

    class Meta:
        ordering = ["date", "starts", "id"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [
            models.UniqueConstraint(fields=["template", "date"], name="shift_unique_per_day"),
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="shift_times_order"
            ),
            models.CheckConstraint(
                condition=Q(
                    min_counsellors__lte=models.F("max_counsellors"), max_counsellors__gte=1
                ),
                name="shift_staffing_order",
            ),
        ]
        indexes = [models.Index(fields=["site", "date"])]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.starts:%H:%M}-{self.ends:%H:%M}"

    @property
    def starts_at(self) -> dt.datetime:
        return local_datetime(self.date, self.starts)

    @property
    def ends_at(self) -> dt.datetime:
        return local_datetime(self.date, self.ends)

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    def overlaps(self, other: "Shift") -> bool:
        return self.date == other.date and self.starts < other.ends and other.starts < self.ends


class Assignment(models.Model):
    """Someone on a shift. A released shift stays theirs until a colleague takes it over."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roster_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    # A colleague who offered to take the released shift, waiting for the chief's approval.
    taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # None: not confirmed (a conversation registered that day still counts); True or False:
    # the chief's word.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["shift__date", "shift__starts", "user__full_name"]
        verbose_name = _("shift assignment")
        verbose_name_plural = _("shift assignments")
        constraints = [
            models.UniqueConstraint(fields=["shift", "user"], name="assignment_unique"),
            models.CheckConstraint(
                condition=Q(taker__isnull=True) | Q(released_at__isnull=False),
                name="assignment_taker_only_when_released",
            ),
        ]
        indexes = [models.Index(fields=["user", "shift"])]

    def __str__(self) -> str:
        return f"{self.user} - {self.shift}"


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", _("You were put on a shift")
    UNASSIGNED = "unassigned", _("You were taken off a shift")
    RELEASED = "released", _("A shift was released")
    TAKEN = "taken", _("Your released shift was taken over")
    TOOK = "took", _("You took over a shift")
    TAKE_REQUESTED = "take_requested", _("A take-over awaits approval")
    TAKE_REFUSED = "take_refused", _("Your take-over was not approved")
    REMINDER = "reminder", _("Shift tomorrow")


class Notification(models.Model):
    """An in-app notice of a change to someone's shifts; the text is made when shown, in the
    reader's language, from the kind and the shift."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roster_notifications"
    )
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user} - {self.kind}"


class RosterProfile(models.Model):
    """A staff member's choices: e-mails, and the secret of their calendar feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roster_profile"
    )
    email_changes = models.BooleanField(_("e-mail me when my shifts change"), default=False)
    email_reminders = models.BooleanField(_("e-mail me the day before a shift"), default=False)
    # A random secret in the feed's URL; a new one (or none) revokes the old address.
    feed_token = models.CharField(max_length=64, unique=True, null=True, blank=True)

    def __str__(self) -> str:
        return str(self.user)
