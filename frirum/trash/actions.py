"""Deleting with a safety net, restoring, purging.

`bury` is called by each app's delete action after its audit entries: it keeps the record and
everything that cascades with it (Django's deletion collector decides what that is, so a new
dependent table is kept without a change here) and then deletes the rows. `restore` puts the
same rows back with the same ids in one transaction. Both write an audit entry, which also
moves the reports' data version (frirum.reports.caching): no cached figure outlives either.
"""

import datetime as dt
import json

from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import record_audit
from frirum.audit.models import AuditAction
from frirum.trash.access import check_may_delete
from frirum.trash.models import KIND_MODELS, DeletedRecord

DEFAULT_RETENTION_DAYS = 30
# Not kept: a questionnaire code is single-use and short-lived; a deleted conversation's code
# must never open a questionnaire again after a restore (and only its hash is stored anyway).
NOT_KEPT = frozenset({"questionnaires.feedbackcode"})


def retention_days() -> int:
    return int(getattr(settings, "FRIRUM_DELETED_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def restorable_since(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=retention_days())


def _collect(roots: list[models.Model]) -> NestedObjects:
    collector = NestedObjects(using=router.db_for_write(type(roots[0])))
    for root in roots:
        collector.collect([root])
    collected = {(type(obj), obj.pk) for instances in collector.data.values() for obj in instances}
    # A row another root of the same deletion protects (a young person's conversations) goes
    # too; anything else that protects a root refuses the deletion.
    blocking = [obj for obj in collector.protected if (type(obj), obj.pk) not in collected]
    if blocking:
        raise ValidationError(
            _("It cannot be deleted: other records depend on it (%(what)s).")
            % {"what": blocking[0]._meta.verbose_name}
        )
    collector.sort()
    return collector


def _unlinked(collector: NestedObjects) -> list:
    """Rows outside the deletion that Django will set to empty, with their current values."""
    result = []
    for (field, _value), querysets in collector.field_updates.items():
        pairs = []
        for objs in querysets:
            pks = [obj.pk for obj in objs] if isinstance(objs, (list, set, tuple)) else None
            queryset = field.model._base_manager.filter(pk__in=pks) if pks is not None else objs
            pairs += [list(row) for row in queryset.values_list("pk", field.attname)]
        if pairs:
            result.append([field.model._meta.label_lower, field.name, pairs])
    return result


@transaction.atomic
def bury(
    *,
    actor,
    site,
    kind: str,
    roots: list[models.Model],
    code: str = "",
    date: dt.date | None = None,
) -> DeletedRecord:
    """Deletes roots (and whatever cascades from them), keeping them restorable."""
    check_may_delete(actor, site)
    collector = _collect(roots)
    kept = []
    counts: dict[str, int] = {}
    for model, instances in collector.data.items():
        label = model._meta.label_lower
        if label in NOT_KEPT:
            continue
        ordered = sorted(instances, key=lambda obj: obj.pk)
        kept += ordered
        if not model._meta.auto_created:
            counts[label] = counts.get(label, 0) + len(ordered)
    # The collector orders children before parents (the order to delete in): reversed, it is
    # the order to restore in.
    rows = json.loads(serializers.serialize("json", reversed(kept)))
    record = DeletedRecord.objects.create(
        site=site,
        kind=kind,
        code=code,
        record_date=date,
        counts=counts,
        rows=rows,
        unlinked=_unlinked(collector),
        deleted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for root in roots:
        root.delete()
    return record


def _check_targets(objects: list) -> list[str]:
    """Every foreign key of the rows to restore points at a row that exists, or is restored
    with them; nullable ones that do not are emptied, the rest are named as missing."""
    restored = {(type(o.object)._meta.concrete_model, o.object.pk) for o in objects}
    wanted: dict[type, set] = {}
    for deserialized in objects:
        obj = deserialized.object
        for field in obj._meta.concrete_fields:
            value = getattr(obj, field.attname) if field.is_relation else None
            if value is None or not field.many_to_one:
                continue
            target = field.related_model._meta.concrete_model
            if (target, value) not in restored:
                wanted.setdefault(target, set()).add(value)
    existing = {
        model: set(model._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
        for model, pks in wanted.items()
    }
    missing = []
    for deserialized in objects:
        obj = deserialized.object
        for field in obj._meta.concrete_fields:
            value = getattr(obj, field.attname) if field.is_relation else None
            if value is None or not field.many_to_one:
                continue
            target = field.related_model._meta.concrete_model
            if (target, value) in restored or value in existing.get(target, ()):
                continue
            if field.null:
                setattr(obj, field.attname, None)
            else:
                missing.append(str(target._meta.verbose_name))
    return sorted(set(missing))


@transaction.atomic
def restore(*, actor, record: DeletedRecord) -> None:
    """Puts the rows back as they were, or refuses (ValidationError) and changes nothing."""
    if record.deleted_at < restorable_since():
        raise ValidationError(_("It was deleted too long ago to be restored."))
    objects = list(serializers.deserialize("json", json.dumps(record.rows)))
    for deserialized in objects:
        model = type(deserialized.object)
        if model._base_manager.filter(pk=deserialized.object.pk).exists():
            raise ValidationError(_("It cannot be restored: it exists already."))
    missing = _check_targets(objects)
    if missing:
        raise ValidationError(
            _(
                "It cannot be restored: what it belongs to is deleted (%(what)s). Restore that first."
            )
            % {"what": ", ".join(missing)}
        )
    for deserialized in objects:
        # Many-to-many links come back as their own rows (the collector kept them).
        deserialized.save(save_m2m=False)
    for label, field_name, pairs in record.unlinked:
        model = apps.get_model(label)
        field = model._meta.get_field(field_name)
        for pk, value in pairs:
            model._base_manager.filter(pk=pk, **{f"{field.attname}__isnull": True}).update(
                **{field.attname: value}
            )
    root_model = apps.get_model(KIND_MODELS[record.kind])
    root = next(
        (
            o.object
            for o in objects
            if isinstance(o.object, root_model)
            and record.code in (getattr(o.object, "code", ""), str(o.object.pk))
        ),
        objects[0].object,
    )
    record_audit(actor=actor, action=AuditAction.RESTORE, instance=root, site=record.site)
    record.delete()


def purge(*, now: dt.datetime | None = None) -> int:
    """Removes, for good, what was deleted longer ago than the retention period."""
    deleted, _ = DeletedRecord.objects.filter(deleted_at__lt=restorable_since(now)).delete()
    return deleted
