"""Clearing what the scan found: blank a text, give a record a new code. Audited, redacted."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frirum.audit.actions import record_audit
from frirum.audit.models import AuditAction
from frirum.core.anonymity.scan import SCANNED_BY_MODEL
from frirum.lib.anonymity import code_kind, find_identifiers

# The audit trail must not keep what was removed for being identifying.
REDACTED = "[removed: identifying]"


def _site_of(record, spec):
    return getattr(record, spec.site)


def clear_identifying_field(*, model: str, record_id: int, field: str, site, actor) -> None:
    """Blank an identifying text, or give an identifying code a new generated code.

    Only a field the scan covers, on a record of `site`, that the guard still refuses.
    """
    spec = SCANNED_BY_MODEL.get(model)
    if spec is None or field not in spec.texts + spec.codes:
        raise ValidationError(_("This field cannot be cleared here."))
    model_class = apps.get_model(model)
    with transaction.atomic():
        record = (
            model_class.objects.select_for_update()
            .filter(pk=record_id, **{f"{spec.site}_id": site.pk})
            .first()
        )
        if record is None:
            raise ValidationError(_("The record is not at this site."))
        value = getattr(record, field)
        if field in spec.codes:
            if not code_kind(value):
                raise ValidationError(_("The code is no longer refused."))
            new_value = model_class._meta.get_field(field).get_default()
        else:
            if not find_identifiers(value):
                raise ValidationError(_("The text is no longer refused."))
            new_value = ""
        setattr(record, field, new_value)
        record.save(update_fields=[field])
        record_audit(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=record,
            site=site,
            before={field: REDACTED},
            after={field: new_value},
        )
