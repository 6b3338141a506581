from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frirum.lib.codes import anonymous_code, random_code


def _pseudonym() -> str:
    raw = random_code(8)
    return f"U-{raw[:4]}-{raw[4:]}"


def new_pseudonym() -> str:
    """An opaque, unguessable pseudonym such as U-7KQ4-M2XP (40 bits of randomness)."""
    return anonymous_code(_pseudonym)


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Youth(models.Model):
    """A young person, known only by a pseudonym the system makes.

    No name, birth date or contact details: the nickname is a label the young person
    chooses, not an identity.
    """

    code = models.CharField(_("pseudonym"), max_length=64, unique=True, default=new_pseudonym)
    nickname = models.CharField(_("nickname"), max_length=40, blank=True)
    gender = models.CharField(
        _("gender"), max_length=16, choices=Gender.choices, default=Gender.UNKNOWN
    )
    residence_municipality = models.ForeignKey(
        "sites.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("residence municipality"),
    )
    # The site where the young person was first registered; None for imported records.
    registered_at_site = models.ForeignKey(
        "sites.Site", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Which import brought this record in, so an import can be recognised and refused twice.
    import_batch = models.ForeignKey(
        "interchange.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("young person")
        verbose_name_plural = _("young people")
        indexes = [models.Index(fields=["nickname"], name="youth_nickname_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="youth_code_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.nickname} ({self.code})" if self.nickname else self.code
