"""Network planning: the secretariat's budget templates and rules, the chiefs' actual yearly
costs, and the scenarios behind an establishment memo.

Every amount is whole Danish kroner. Every template line and rule carries its source and the
source's year, because a memo must tell a computed figure from a named assumption.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frirum.lib.anonymity import validate_anonymous_text


class PlannedKind(models.TextChoices):
    """What a municipality can establish (the Site kinds with opening hours of their own)."""

    CENTRE = "centre", _("Centre")
    SATELLITE = "satellite", _("Satellite")


class Payer(models.TextChoices):
    STATE = "state", _("State")
    MUNICIPALITY = "municipality", _("Municipality")
    FOUNDATIONS = "foundations", _("Foundations")


class LineKind(models.TextChoices):
    ESTABLISHMENT = "establishment", _("Establishment (once)")
    YEARLY = "yearly", _("Yearly operation")


class BudgetTemplate(models.Model):
    """A centre's or a satellite's budget as of a year; the newest year is the current one."""

    kind = models.CharField(_("kind"), max_length=16, choices=PlannedKind.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "-year"]
        verbose_name = _("budget template")
        verbose_name_plural = _("budget templates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="budget_template_kind_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="budget_template_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class BudgetLine(models.Model):
    template = models.ForeignKey(BudgetTemplate, on_delete=models.CASCADE, related_name="lines")
    label = models.CharField(_("line"), max_length=120)
    # Empty: paid in kind with no amount stated in the source (a satellite's rent); it is
    # listed in the budget but never added up.
    amount = models.PositiveIntegerField(_("amount (kr.)"), null=True, blank=True)
    payer = models.CharField(_("payer"), max_length=16, choices=Payer.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=LineKind.choices)
    # The municipal operating grant can be halved in the first year of an agreement.
    halved_in_first_year = models.BooleanField(
        _("may be halved in the first year"),
        default=False,
        help_text=_("The municipal operating grant: half in the first year by agreement."),
    )
    source = models.CharField(_("source"), max_length=300)
    source_year = models.PositiveSmallIntegerField(_("source year"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["template", "position", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=~Q(source=""), name="budget_line_has_source"),
            models.CheckConstraint(
                condition=Q(halved_in_first_year=False) | Q(kind="yearly"),
                name="budget_line_halved_only_yearly",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class RuleKey(models.TextChoices):
    CENTRE_THRESHOLD = "centre_threshold", _("Inhabitants for a centre (at least)")
    HUB_CAPACITY = "hub_capacity", _("Satellites a hub can carry")
    COHORT_SHARE = "cohort_share", _("Share of a youth cohort expected to benefit")
    FIRST_YEAR_SHARE = "first_year_share", _("Share of the operating grant in the first year")
    AGREEMENT_YEARS = "agreement_years", _("Length of an agreement (years, at least)")
    CENTRE_OPENING_DAYS = "centre_opening_days", _("A centre's opening days a week")
    SATELLITE_OPENING_DAYS = "satellite_opening_days", _("A satellite's opening days a week")
    SAVINGS_LOW = "savings_low", _("Yearly savings potential of a centre, low (kr.)")
    SAVINGS_HIGH = "savings_high", _("Yearly savings potential of a centre, high (kr.)")


class PlanningRule(models.Model):
    """One rule of thumb as editable data, with the source it comes from."""

    key = models.CharField(_("rule"), max_length=32, choices=RuleKey.choices, unique=True)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)
    source_year = models.PositiveSmallIntegerField(_("source year"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("planning rule")
        verbose_name_plural = _("planning rules")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="planning_rule_not_negative"),
            models.CheckConstraint(condition=~Q(source=""), name="planning_rule_has_source"),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.value}"


class SiteYearCost(models.Model):
    """A centre's or satellite's actual cost of a year, entered by its chief."""

    site = models.ForeignKey("sites.Site", on_delete=models.CASCADE, related_name="year_costs")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.PositiveIntegerField(_("actual cost (kr.)"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["site__name", "-year"]
        verbose_name = _("actual yearly cost")
        verbose_name_plural = _("actual yearly costs")
        constraints = [
            models.UniqueConstraint(fields=["site", "year"], name="site_year_cost_unique"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="site_year_cost_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.year}"


class Scenario(models.Model):
    """A municipality's possible establishment; the figures are computed when it is read."""

    municipality = models.ForeignKey(
        "sites.Municipality",
        on_delete=models.PROTECT,
        related_name="planning_scenarios",
        verbose_name=_("municipality"),
    )
    # Empty: follow the rule (centre at or above the threshold, otherwise a satellite).
    kind = models.CharField(_("kind"), max_length=16, choices=PlannedKind.choices, blank=True)
    hub = models.ForeignKey(
        "sites.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hub"),
    )
    start_year = models.PositiveSmallIntegerField(
        _("first year of the agreement"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    half_first_year = models.BooleanField(_("half operating grant in the first year"), default=True)
    placement = models.TextField(
        _("possible placement"),
        max_length=1500,
        blank=True,
        validators=[validate_anonymous_text],
    )
    anchoring = models.TextField(
        _("organisational anchoring"),
        max_length=1500,
        blank=True,
        validators=[validate_anonymous_text],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__gte=2000, start_year__lte=2100),
                name="scenario_start_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name} {self.start_year}"


class IllustrativePopulation(models.Model):
    """Marks the municipalities' population figures as illustrative (the demo's), not
    Statistics Denmark's. It holds a fingerprint of the figures it marks, so that once real
    figures are imported with `frirum population` the mark no longer applies by itself."""

    fingerprint = models.CharField(max_length=64)
    note = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("illustrative population figures")
        verbose_name_plural = _("illustrative population figures")

    def __str__(self) -> str:
        return self.note
