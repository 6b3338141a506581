from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Vocabulary(models.TextChoices):
    YOUTH_THEME = "youth_theme", _("Youth themes")
    FAMILY_THEME = "family_theme", _("Family themes")
    YOUTH_BRIDGING_METHOD = "youth_bridging_method", _("Bridging methods (young people)")
    FAMILY_BRIDGING_METHOD = "family_bridging_method", _("Bridging methods (Family)")
    DESTINATION = "destination", _("Bridging destinations")
    RELATION = "relation", _("Relations")


class TermQuerySet(models.QuerySet["Term"]):
    def of(self, vocabulary: str) -> "TermQuerySet":
        return self.filter(vocabulary=vocabulary)

    def active(self) -> "TermQuerySet":
        return self.filter(is_active=True)


class Term(models.Model):
    """One entry of a taxonomy: a stable code with Danish and English labels.

    Codes cross the interchange border and never change; labels may.
    """

    vocabulary = models.CharField(_("list"), max_length=32, choices=Vocabulary.choices)
    code = models.CharField(_("code"), max_length=64)
    label_da = models.CharField(_("Danish label"), max_length=200)
    label_en = models.CharField(_("English label"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive terms stay on old records but are not offered."),
    )

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["vocabulary", "position", "code"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="term_code_unique_per_list")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "da").startswith("en") else self.label_da
