"""Reading the audit trail for display (frirum.audit.presenters turns codes into labels)."""

from django.db import models

from frirum.audit.models import AuditEntry
from frirum.audit.presenters import TrailChange, TrailEntry, present_trail

__all__ = ["TrailChange", "TrailEntry", "audit_trail", "trail_entries"]


def trail_entries(entries) -> list[TrailEntry]:
    """Audit entries with their changes labelled in the active language."""
    return present_trail(entries)


def audit_trail(instance: models.Model, *, site=None) -> list[TrailEntry]:
    """Who changed one record, when and what; newest first. With a site, only the changes
    made there (a young person's record is shared by the sites of their courses)."""
    entries = AuditEntry.objects.select_related("actor").filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    )
    if site is not None:
        entries = entries.filter(site=site)
    return trail_entries(entries)
