from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One imported dataset. Its fingerprint refuses the same dataset a second time."""

    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True)
    source_name = models.CharField(_("source"), max_length=300)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    counts = models.JSONField(_("rows per file"), default=dict)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.source_name} ({self.imported_at:%Y-%m-%d %H:%M})"
