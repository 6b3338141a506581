from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Instrument(models.Model):
    """A questionnaire instrument, e.g. `session_rating` or `who5`. Its wording lives in versions."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name_da = models.CharField(_("Danish name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    asked_by_default = models.BooleanField(
        _("asked after every conversation by default"),
        default=False,
        help_text=_("Used by sites that have not chosen their own questionnaires."),
    )

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "da").startswith("en") else self.name_da


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("Higher is better")
    LOWER_IS_BETTER = "lower", _("Lower is better")


class Scoring(models.TextChoices):
    SUM = "sum", _("Sum of items")
    MEAN = "mean", _("Mean of items")
    SINGLE = "single", _("Single item")


class InstrumentVersion(models.Model):
    """One frozen wording and scoring of an instrument.

    A version is frozen once answers exist: a changed wording is a new version, and reports
    state which versions they cover.
    """

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    is_current = models.BooleanField(_("current"), default=True)
    scale_min = models.SmallIntegerField(_("lowest answer"))
    scale_max = models.SmallIntegerField(_("highest answer"))
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    scoring = models.CharField(_("scoring"), max_length=8, choices=Scoring.choices)
    # The raw score times this gives the reported score (WHO-5: raw 0-25 x 4 = 0-100).
    score_multiplier = models.DecimalField(
        _("score multiplier"), max_digits=6, decimal_places=3, default=1
    )
    # Reported-score bands, e.g. [{"code": "high", "min": 1, "max": 2}, ...].
    categories = models.JSONField(_("categories"), default=list, blank=True)
    # Clinical cut-off on the reported score, and the reliable-change parameters
    # (Jacobson-Truax: SD of a reference sample and the scale's reliability).
    cutoff = models.FloatField(_("clinical cut-off"), null=True, blank=True)
    reference_sd = models.FloatField(_("reference SD"), null=True, blank=True)
    reliability = models.FloatField(_("reliability"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["instrument", "-number"]
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="instrument_version_unique"
            ),
            models.UniqueConstraint(
                fields=["instrument"],
                condition=Q(is_current=True),
                name="one_current_version_per_instrument",
            ),
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")), name="version_scale_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} v{self.number}"


class Item(models.Model):
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="items")
    code = models.CharField(_("code"), max_length=64)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_da = models.CharField(_("Danish wording"), max_length=500)
    text_en = models.CharField(_("English wording"), max_length=500)
    # Labels for the answer values: {"1": {"da": "...", "en": "..."}, ...}; ends at least.
    anchors = models.JSONField(_("answer labels"), default=dict, blank=True)
    reverse_scored = models.BooleanField(_("reverse scored"), default=False)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="item_code_unique_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.code}"

    @property
    def text(self) -> str:
        return self.text_en if (get_language() or "da").startswith("en") else self.text_da


class Response(models.Model):
    """One answer of a young person to one item, attached to the contact it was about.

    `instrument` and `item_code` repeat what `item` implies so that reports group
    without joins and the database keeps one answer per contact, instrument and item.
    """

    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="responses"
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="responses")
    item_code = models.CharField(max_length=64)
    value = models.SmallIntegerField(_("answer"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "instrument", "item_code"], name="one_answer_per_contact_item"
            )
        ]
        indexes = [
            models.Index(fields=["instrument", "item_code"], name="response_instrument_item_idx")
        ]

    def __str__(self) -> str:
        return f"{self.item_code}={self.value}"


class FeedbackCode(models.Model):
    """A one-time code that lets the young person answer anonymously about one contact."""

    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="feedback_codes"
    )
    # Only a hash is stored: a leaked database does not open any questionnaire.
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("questionnaire code")
        verbose_name_plural = _("questionnaire codes")

    def __str__(self) -> str:
        return f"{self.contact_id} ({self.expires_at:%Y-%m-%d %H:%M})"
