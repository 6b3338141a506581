from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("municipality code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    # Official figures are imported by a user; they stay empty until then.
    population_total = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_12_25 = models.PositiveIntegerField(
        _("population aged 12-25"), null=True, blank=True
    )
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{3}$"), name="municipality_code_three_digits"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class SiteKind(models.TextChoices):
    CENTRE = "centre", _("Centre")
    SATELLITE = "satellite", _("Satellite")
    CHAT = "chat", _("Chat")
    FAMILY = "family", _("Family")


class DeletionPolicy(models.TextChoices):
    """Who may delete a site's records (frirum.trash.access); the chief chooses."""

    STAFF = "staff", _("The chief and employed counsellors")
    COUNSELLORS = "counsellors", _("Every counsellor, volunteers and seconded staff included")


class Site(models.Model):
    code = models.CharField(_("site code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=SiteKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sites",
        verbose_name=_("municipality"),
    )
    hub = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="satellites",
        verbose_name=_("hub"),
        help_text=_("For a satellite: the centre it is attached to."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # Which questionnaire instruments this site asks after a conversation (empty = the defaults).
    instruments = models.ManyToManyField(
        "questionnaires.Instrument",
        blank=True,
        related_name="sites",
        verbose_name=_("questionnaires"),
    )
    who_may_delete = models.CharField(
        _("who may delete records"),
        max_length=16,
        choices=DeletionPolicy.choices,
        default=DeletionPolicy.STAFF,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="chat") | Q(municipality__isnull=False),
                name="site_municipality_unless_chat",
            ),
            models.CheckConstraint(
                condition=Q(hub__isnull=True) | Q(kind="satellite"),
                name="site_hub_only_for_satellite",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(opened_on__isnull=True)
                | Q(closed_on__gte=models.F("opened_on")),
                name="site_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_family(self) -> bool:
        return self.kind == SiteKind.FAMILY


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "weekday", "opens"], name="opening_hours_unique"
            ),
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="opening_hours_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"
