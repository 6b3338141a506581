from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("is_secretariat", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A staff member or volunteer. Young people and relatives never have accounts."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin access"), default=False)
    is_secretariat = models.BooleanField(
        _("national secretariat"),
        default=False,
        help_text=_("Sees all sites and national reports."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    # A volunteer's training and status are their path (frirum.volunteers.VolunteerPath).

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    VOLUNTEER_COUNSELLOR = "volunteer_counsellor", _("Volunteer counsellor")
    EMPLOYED_COUNSELLOR = "employed_counsellor", _("Employed counsellor")
    CENTRE_CHIEF = "centre_chief", _("Centre chief")
    SECONDED_MUNICIPAL = "seconded_municipal", _("Seconded municipal employee")
    SECONDED_PSYCHIATRY = "seconded_psychiatry", _("Seconded psychiatry employee")
    PEER_VOLUNTEER = "peer_volunteer", _("Peer volunteer")


# Roles that take part in conversations and may read a site's record-level data.
RECORD_ROLES = frozenset(Role.values)
# Roles that may see a site's management figures (volunteers, training, annual report).
MANAGER_ROLES = frozenset({Role.CENTRE_CHIEF})


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    site = models.ForeignKey("sites.Site", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), null=True, blank=True, help_text=_("For seconded employees.")
    )

    class Meta:
        ordering = ["site__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "site", "role"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="membership_dates_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.site} ({self.get_role_display()})"


class MunicipalityViewer(models.Model):
    """A funder's login: reports for its municipality's sites, never record-level data."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="municipality_views")
    municipality = models.ForeignKey(
        "sites.Municipality", on_delete=models.CASCADE, related_name="viewers"
    )

    class Meta:
        verbose_name = _("municipality viewer")
        verbose_name_plural = _("municipality viewers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="municipality_viewer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.municipality}"
