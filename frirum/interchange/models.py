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


class PendingUpload(models.Model):
    """An uploaded dataset waiting between its check and the confirmation. Kept in the
    database, not on one server's disk, so the confirmation may reach any app process."""

    token = models.CharField(max_length=64, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # Only the file name the user chose, to show it again; never the file's content.
    name = models.CharField(max_length=200)
    size = models.BigIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")

    def __str__(self) -> str:
        return self.name


class PendingUploadChunk(models.Model):
    upload = models.ForeignKey(PendingUpload, on_delete=models.CASCADE, related_name="chunks")
    position = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["upload", "position"], name="upload_chunk_unique")
        ]

    def __str__(self) -> str:
        return f"{self.upload_id}:{self.position}"
