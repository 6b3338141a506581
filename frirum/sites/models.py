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
    # The public pages (frirum.public): whether young people can walk in without booking in
    # the opening hours, and where to reach the site online (the chat's address, above all).
    drop_in = models.BooleanField(
        _("drop-in"),
        default=True,
        help_text=_("Young people can come without booking during the opening hours."),
    )
    public_link = models.URLField(
        _("link for young people"),
        blank=True,
        help_text=_("Shown on the public page, e.g. where the chat opens."),
    )
    # Anonymous booking (frirum.bookings): off unless the site wants it; drop-in stays the rule.
    booking_enabled = models.BooleanField(
        _("anonymous booking"),
        default=False,
        help_text=_("Young people can book a time on the public page, without giving a name."),
    )
    booking_slot_minutes = models.PositiveSmallIntegerField(
        _("length of a booked talk"),
        default=45,
        choices=[(30, _("30 minutes")), (45, _("45 minutes")), (60, _("60 minutes"))],
    )
    # How many conversations a slot holds: more than one where counsellors talk in parallel.
    booking_capacity = models.PositiveSmallIntegerField(
        _("conversations per booked time"),
        default=1,
        help_text=_("How many young people can book the same time."),
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
                condition=Q(booking_capacity__gte=1, booking_capacity__lte=10),
                name="site_booking_capacity_range",
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
    """A weekly opening window (Open Referral HSDS: a weekly schedule with valid from/to).

    Several rows of the same weekday may exist: split days, or next season's hours that take
    over on their `valid_from`. frirum.sites.schedule turns rows and closed days into times.
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Empty: since always.")
    )
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "weekday", "opens", "valid_from"], name="opening_hours_unique"
            ),
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="opening_hours_order"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="opening_hours_valid_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def applies_on(self, date) -> bool:
        return (
            date.weekday() == self.weekday
            and (self.valid_from is None or self.valid_from <= date)
            and (self.valid_to is None or date <= self.valid_to)
        )


class ClosedDay(models.Model):
    """An exception to the weekly hours on one date (HSDS schedule exception).

    Without hours the site is closed all day; with hours it is open only then that day
    (a short day before a holiday). The reason is a short public label such as "Påske".
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="closed_days")
    date = models.DateField(_("date"))
    reason = models.CharField(
        _("reason"), max_length=60, blank=True, help_text=_("Shown to the public, e.g. Easter.")
    )
    opens = models.TimeField(
        _("open from"), null=True, blank=True, help_text=_("Only if open part of the day.")
    )
    closes = models.TimeField(_("open until"), null=True, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        constraints = [
            models.UniqueConstraint(fields=["site", "date"], name="closed_day_unique"),
            models.CheckConstraint(
                condition=Q(opens__isnull=True, closes__isnull=True)
                | Q(opens__isnull=False, closes__isnull=False, closes__gt=models.F("opens")),
                name="closed_day_hours_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}".strip()

    @property
    def is_partial(self) -> bool:
        return self.opens is not None
