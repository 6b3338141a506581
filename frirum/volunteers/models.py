"""The volunteer's path (application to leaving) and the qualifications that rosters require.

Only staff data: what a volunteer chooses to share about themself, never anything about the
young people they talk with.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frirum.lib.anonymity import validate_anonymous_text


class Step(models.TextChoices):
    """The steps in order; the last three are the states of a volunteer who has finished."""

    APPLICATION = "application", _("Application")
    INTERVIEW = "interview", _("Interview")
    INTRO_COURSE = "intro_course", _("Intro course")
    SIDE_BY_SIDE = "side_by_side", _("Side-by-side done")
    APPROVED = "approved", _("Approved to counsel alone")
    ACTIVE = "active", _("Active")
    ON_LEAVE = "on_leave", _("On leave")
    LEFT = "left", _("Left")


STEP_ORDER = {step: i for i, step in enumerate(Step.values)}
# Steps on the way in: the chief's pipeline shows how long each waits for the next.
TRAINING_STEPS = (
    Step.APPLICATION,
    Step.INTERVIEW,
    Step.INTRO_COURSE,
    Step.SIDE_BY_SIDE,
    Step.APPROVED,
)


class VolunteerPath(models.Model):
    """One volunteer's path at one site; `step` and `step_on` repeat the latest PathStep so
    the pipeline needs no scan of the history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_paths"
    )
    site = models.ForeignKey("sites.Site", on_delete=models.CASCADE, related_name="+")
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    step_on = models.DateField(_("since"))
    application_note = models.CharField(
        _("what the volunteer wants to share"),
        max_length=300,
        blank=True,
        validators=[validate_anonymous_text],
        help_text=_("Optional and short: experience, wishes. Never anything about young people."),
    )
    # Side-by-side conversations before Frirum counted them from the register (the team
    # page's old manual count, carried over by migration 0002).
    side_by_side_before = models.PositiveSmallIntegerField(
        _("side-by-side conversations before the register"), default=0
    )

    class Meta:
        ordering = ["site__name", "user__full_name"]
        verbose_name = _("volunteer path")
        verbose_name_plural = _("volunteer paths")
        constraints = [
            models.UniqueConstraint(fields=["user", "site"], name="volunteer_path_unique"),
        ]
        indexes = [models.Index(fields=["site", "step"])]

    def __str__(self) -> str:
        return f"{self.user} - {self.site} ({self.get_step_display()})"


class PathStep(models.Model):
    path = models.ForeignKey(VolunteerPath, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    on = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("path step")
        verbose_name_plural = _("path steps")

    def __str__(self) -> str:
        return f"{self.get_step_display()} {self.on:%Y-%m-%d}"


class Qualification(models.Model):
    """Defined by the secretariat (the admin). A qualification may include others (an approved
    counsellor has done the intro course) and may expire `validity_days` after it is granted."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    includes = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="included_in",
        verbose_name=_("includes"),
    )
    validity_days = models.PositiveIntegerField(
        _("valid for (days)"), null=True, blank=True, help_text=_("Empty: does not expire.")
    )
    granted_by_step = models.CharField(
        _("granted by the path step"),
        max_length=16,
        choices=Step.choices,
        blank=True,
        help_text=_("Granted automatically when a volunteer completes this step."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self) -> str:
        return self.name


class QualificationGrant(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="qualification_grants"
    )
    qualification = models.ForeignKey(
        Qualification, on_delete=models.PROTECT, related_name="grants"
    )
    granted_on = models.DateField(_("granted"))
    # Fixed when granted, so a later change of the qualification's validity does not
    # silently shorten or lengthen what was granted.
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    site = models.ForeignKey(
        "sites.Site", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    via_step = models.ForeignKey(
        PathStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="grants"
    )

    class Meta:
        ordering = ["-granted_on", "-id"]
        verbose_name = _("granted qualification")
        verbose_name_plural = _("granted qualifications")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("granted_on")),
                name="qualification_grant_dates_order",
            ),
        ]
        indexes = [models.Index(fields=["user", "qualification"])]

    def __str__(self) -> str:
        return f"{self.user} - {self.qualification}"
