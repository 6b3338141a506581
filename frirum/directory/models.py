"""The directory of help a counsellor bridges to, in the shape of Open Referral's Human
Services Data Specification (HSDS 3): organizations, services, locations, services at
locations and schedules, with Frirum's own eligibility and provenance.

Everything here describes a public service. Its phone and e-mail are the service's, never a
young person's; nothing about who was bridged is kept here except the link from a
conversation to a service (ServiceBridging), which holds only the two ids.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.sites.models import Weekday
from frirum.taxonomies.models import Vocabulary

# An entry not confirmed for this long is stale: flagged to its owner and marked in search.
STALE_AFTER = dt.timedelta(days=365)


class ServiceStatus(models.TextChoices):
    """HSDS 3's service status values, exactly as the standard spells them."""

    ACTIVE = "active", _("Active")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")


class Organization(models.Model):
    uid = models.UUIDField(_("HSDS id"), unique=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    url = models.URLField(_("web address"), blank=True)
    email = models.EmailField(_("organisation's e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    uid = models.UUIDField(_("HSDS id"), unique=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "sites.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name


class ServiceQuerySet(models.QuerySet["Service"]):
    def published(self) -> "ServiceQuerySet":
        return self.filter(is_published=True)

    def stale(self, *, today: dt.date) -> "ServiceQuerySet":
        limit = today - STALE_AFTER
        return self.filter(Q(verified_on__isnull=True) | Q(verified_on__lt=limit))


class Service(models.Model):
    uid = models.UUIDField(_("HSDS id"), unique=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    url = models.URLField(_("web address"), blank=True)
    # The service's own contact points (public); never a young person's.
    phone = models.CharField(_("service's phone"), max_length=32, blank=True)
    email = models.EmailField(_("service's e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    destination = models.ForeignKey(
        "taxonomies.Term",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.DESTINATION},
        verbose_name=_("destination category"),
    )
    themes = models.ManyToManyField(
        "taxonomies.Term",
        blank=True,
        related_name="directory_services",
        limit_choices_to={"vocabulary": Vocabulary.YOUTH_THEME},
        verbose_name=_("needs it helps with"),
    )
    # Eligibility.
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    municipalities = models.ManyToManyField(
        "sites.Municipality",
        blank=True,
        related_name="+",
        verbose_name=_("municipalities served"),
        help_text=_("None chosen: the whole country."),
    )
    anonymous_possible = models.BooleanField(_("one can come anonymously"), default=False)
    referral_required = models.BooleanField(_("referral required"), default=False)
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        default="da",
        help_text=_("ISO 639-1 codes separated by commas, e.g. da,en."),
    )
    cost = models.CharField(_("cost"), max_length=200, blank=True, help_text=_("E.g. Free."))
    # Who keeps the entry current: a site's chief or named editor, or (no site) the secretariat.
    owner_site = models.ForeignKey(
        "sites.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directory_services",
        verbose_name=_("kept by site"),
        help_text=_("Empty: a national entry, kept by the secretariat."),
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("named editor"),
    )
    verified_on = models.DateField(_("last verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Shown to partners in the HSDS API.")
    )
    # Set by every write (not auto_now): an import keeps the exchanged HSDS last_modified.
    updated_at = models.DateTimeField(_("last modified"), default=timezone.now)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(maximum_age__gte=models.F("minimum_age")),
                name="directory_service_age_order",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["active", "temporarily closed", "inactive", "defunct"]),
                name="directory_service_status_hsds",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_stale(self, today: dt.date) -> bool:
        return self.verified_on is None or self.verified_on < today - STALE_AFTER

    @property
    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class ServiceAtLocation(models.Model):
    uid = models.UUIDField(_("HSDS id"), unique=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="services")

    class Meta:
        ordering = ["id"]
        verbose_name = _("service at location")
        verbose_name_plural = _("services at locations")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="directory_service_location_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Schedule(models.Model):
    """A weekly recurrence (HSDS schedule with freq WEEKLY and one byday)."""

    uid = models.UUIDField(_("HSDS id"), unique=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="directory_schedule_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class ScheduleException(models.Model):
    """A day that differs from the weekly hours: closed, or other hours."""

    uid = models.UUIDField(_("HSDS id"), unique=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    opens_at = models.TimeField(_("opens"), null=True, blank=True)
    closes_at = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("exception to the opening hours")
        verbose_name_plural = _("exceptions to the opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True, closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="directory_exception_hours",
            ),
            models.UniqueConstraint(fields=["service", "date"], name="directory_exception_day"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}"

    @property
    def is_closed(self) -> bool:
        return self.opens_at is None


class ServiceBridging(models.Model):
    """A conversation's bridging went to this service. Only the two ids: the card handed to
    the young person is never recorded."""

    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="service_bridgings"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="bridgings")

    class Meta:
        ordering = ["id"]
        verbose_name = _("bridging to a directory service")
        verbose_name_plural = _("bridgings to directory services")
        constraints = [
            models.UniqueConstraint(fields=["contact", "service"], name="directory_bridging_once")
        ]

    def __str__(self) -> str:
        return f"{self.contact_id} → {self.service_id}"
