from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat, Replace, Upper
from django.utils.translation import gettext_lazy as _

from frirum.lib.codes import anonymous_code, random_code


def _pseudonym() -> str:
    raw = random_code(8)
    return f"U-{raw[:4]}-{raw[4:]}"


def new_pseudonym() -> str:
    """An opaque, unguessable pseudonym such as U-7KQ4-M2XP (40 bits of randomness)."""
    return anonymous_code(_pseudonym)


# Between the nickname and the code in the search key: nobody types it in a search box, so a
# search never matches across the two.
SEARCH_KEY_SEPARATOR = "\t"


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
    # What the search box matches: the nickname and the code without dashes, upper-cased, kept
    # by the database itself so every write path (forms, imports, bulk demo data) fills it.
    # Indexed for prefix search (B-tree) and, on PostgreSQL, substring search (trigrams).
    search_key = models.GeneratedField(
        expression=Concat(
            Upper("nickname"),
            Value(SEARCH_KEY_SEPARATOR),
            Replace(Upper("code"), Value("-"), Value("")),
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("young person")
        verbose_name_plural = _("young people")
        indexes = [
            models.Index(fields=["nickname"], name="youth_nickname_idx"),
            # text_pattern_ops: LIKE 'ABC%' uses the index whatever the database's collation.
            models.Index(
                fields=["search_key"],
                name="youth_search_key_prefix_idx",
                opclasses=["text_pattern_ops"],
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="youth_code_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.nickname} ({self.code})" if self.nickname else self.code
