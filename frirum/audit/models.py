from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    # Account events (frirum/accounts): on the user's account, never a password or code.
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "sign_out", _("Signed out")
    TWO_FACTOR_ENROL = "2fa_enrol", _("Two-factor set up")
    TWO_FACTOR_REMOVE = "2fa_remove", _("Two-factor removed")
    TWO_FACTOR_RESET = "2fa_reset", _("Two-factor reset")
    RECOVERY_CODES = "2fa_codes", _("New recovery codes")
    RECOVERY_CODE_USED = "2fa_recovery", _("Recovery code used")
    PASSWORD_RESET = "password", _("Password reset")
    RESTORE = "restore", _("Restored")
    # A report or data set left the system (a download, `frirum report`, `frirum export`).
    EXPORT = "export", _("Exported")


# Entries that record a change to the data (as opposed to account events, exports and
# downloads): the reports' cache version follows these alone (frirum/reports/caching.py).
DATA_ACTIONS = (
    AuditAction.CREATE,
    AuditAction.UPDATE,
    AuditAction.DELETE,
    AuditAction.RESTORE,
)


class AuditEntry(models.Model):
    """Who changed what, when. Kept after the record itself is deleted."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("record type"), max_length=64)
    object_id = models.CharField(_("record"), max_length=64)
    object_code = models.CharField(_("code"), max_length=64, blank=True)
    site = models.ForeignKey(
        "sites.Site", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # {"field": [old, new]}: codes and labels only, never more free text than the record held.
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # The chief's site log, newest first, a page at a time.
            models.Index(fields=["site", "at"], name="audit_site_at_idx"),
            # MAX(id) of the data changes from an index alone, whatever the sign-in traffic.
            models.Index(
                fields=["id"],
                condition=models.Q(action__in=[str(action) for action in DATA_ACTIONS]),
                name="audit_data_change_idx",
            ),
            # A site's last data change (frirum/audit/versions.py), whatever its history.
            models.Index(
                fields=["site", "id"],
                condition=models.Q(action__in=[str(action) for action in DATA_ACTIONS]),
                name="audit_site_data_change_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_code or self.object_id}"
