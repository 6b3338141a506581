"""An anonymous booking: a time at a site, and nothing about who booked it.

The young person gets a cancel code once; only its HMAC is kept (frirum.bookings.codes). There
is no name, no phone, no e-mail and no time of booking: the row says that a time is taken,
and at most a nickname and an age the young person chose to give, so the counsellor at the
door knows whom to expect.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frirum.lib.anonymity import validate_anonymous_text
from frirum.sites.models import Site

# headspace is for young people from 12 to 25.
MIN_AGE = 12
MAX_AGE = 25
NICKNAME_LENGTH = 20


class Booking(models.Model):
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("site")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    # Which of the slot's places (1 to the site's booking_capacity) this booking holds: the
    # unique constraint makes the database refuse a second booking of the same place.
    seat = models.PositiveSmallIntegerField(_("place"), default=1)
    cancel_hash = models.CharField(max_length=64, unique=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    nickname = models.CharField(
        _("nickname"),
        max_length=NICKNAME_LENGTH,
        blank=True,
        validators=[validate_anonymous_text],
    )
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    # Met: the conversation registered from the booking (frirum.contacts). Not met: a
    # counsellor marked that nobody came. A booking is at most one of the two.
    contact = models.OneToOneField(
        "contacts.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking",
        verbose_name=_("conversation"),
    )
    not_met_at = models.DateTimeField(_("marked not met at"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "starts_at", "seat"],
                condition=Q(cancelled_at__isnull=True),
                name="booking_one_per_place",
            ),
            models.CheckConstraint(condition=Q(seat__gte=1), name="booking_seat_positive"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__gte=MIN_AGE, age__lte=MAX_AGE),
                name="booking_age_12_to_25",
            ),
            models.CheckConstraint(
                condition=Q(contact__isnull=True) | Q(not_met_at__isnull=True),
                name="booking_met_or_not_met",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_met(self) -> bool:
        return self.contact_id is not None

    @property
    def is_not_met(self) -> bool:
        return self.not_met_at is not None
