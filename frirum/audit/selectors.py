"""Reading the audit trail for display."""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from frirum.audit.models import AuditEntry


@dataclass
class TrailChange:
    field: str
    before: object
    after: object


@dataclass
class TrailEntry:
    entry: AuditEntry
    changes: list[TrailChange]


def _field_label(model: type[models.Model] | None, name: str) -> str:
    if model is None:
        return name
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _shown(value) -> object:
    if isinstance(value, str) and value.startswith("text:"):
        # Free text is kept only as a digest (frirum.audit.actions): say so instead.
        return _("(text)")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def trail_entries(entries) -> list[TrailEntry]:
    """Audit entries with their changes labelled by the fields' names in the active language."""
    rows = []
    for entry in entries:
        try:
            model = apps.get_model(entry.object_type)
        except (LookupError, ValueError):
            model = None
        changes = [
            TrailChange(_field_label(model, name), _shown(old), _shown(new))
            for name, (old, new) in sorted(entry.changes.items())
        ]
        rows.append(TrailEntry(entry, changes))
    return rows


def audit_trail(instance: models.Model, *, site=None) -> list[TrailEntry]:
    """Who changed one record, when and what; newest first. With a site, only the changes
    made there (a young person's record is shared by the sites of their courses)."""
    entries = AuditEntry.objects.select_related("actor").filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    )
    if site is not None:
        entries = entries.filter(site=site)
    return trail_entries(entries)
