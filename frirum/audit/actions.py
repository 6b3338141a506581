"""Writing the audit trail. Called by the actions that create, change or delete records."""

import hashlib
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

from frirum.audit.models import AuditAction, AuditEntry
from frirum.audit.versions import forget_versions


def _plain(value):
    if isinstance(value, models.Model):
        if isinstance(value, AbstractBaseUser):
            # Staff are named in the trail (who took part); young people never are.
            return str(value)
        return getattr(value, "code", None) or str(value.pk)
    if isinstance(value, (list, tuple, set)):
        return sorted(_plain(v) for v in value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


# The entries of an open audit_batch() block, written together when it ends.
_batch: ContextVar[list | None] = ContextVar("frirum_audit_batch", default=None)


@contextmanager
def audit_batch():
    """Audit entries recorded inside the block are written in one INSERT when it ends
    without an error (on an error, none are: the caller's transaction rolls back anyway).
    For an action that audits several records in one transaction, e.g. a registration's
    new young person and its conversation. Nested blocks write with the outermost."""
    if _batch.get() is not None:
        yield
        return
    entries: list[AuditEntry] = []
    token = _batch.set(entries)
    try:
        yield
    finally:
        _batch.reset(token)
    if entries:
        AuditEntry.objects.bulk_create(entries)
        # bulk_create sends no post_save: the request's remembered versions are told here.
        forget_versions()


# Free text stays out of the trail (it outlives a deleted record); a digest shows it changed.
REDACTED_FIELDS = frozenset({"note", "nickname", "label", "title"})


def _redacted(value) -> str | None:
    if not value:
        return None
    return "text:" + hashlib.sha256(str(value).encode()).hexdigest()[:8]


def snapshot(
    instance: models.Model, *, m2m: tuple[str, ...] = (), m2m_values: dict | None = None
) -> dict:
    """The audited state of a record: concrete fields plus the named many-to-many fields.

    `m2m_values` gives those fields' objects where the caller has just written them, which
    saves reading them back (a query per field on every registration)."""
    state = {}
    for field in instance._meta.concrete_fields:
        if field.name in ("id", "created_at", "updated_at", "created_by", "import_batch"):
            continue
        if field.generated:
            # Derived from audited fields (Youth.search_key holds the nickname in clear).
            continue
        if field.is_relation:
            # The related record's code (a municipality or term code) reads better than an id.
            value = getattr(instance, field.name) if getattr(instance, field.attname) else None
        else:
            value = getattr(instance, field.attname)
        state[field.name] = _redacted(value) if field.name in REDACTED_FIELDS else _plain(value)
    for name in m2m:
        related = m2m_values[name] if m2m_values is not None else getattr(instance, name).all()
        state[name] = sorted(_plain(t) for t in related)
    return state


def diff(before: dict, after: dict) -> dict:
    return {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


def record_audit(
    *,
    actor,
    action: str,
    instance: models.Model,
    site=None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Store one audit entry. For updates pass before/after snapshots; only changes are kept."""
    if action == AuditAction.UPDATE:
        changes = diff(before or {}, after or {})
    elif action == AuditAction.CREATE:
        changes = {k: [None, v] for k, v in (after or {}).items() if v not in (None, "", [], False)}
    else:
        changes = {
            k: [v, None] for k, v in (before or {}).items() if v not in (None, "", [], False)
        }
    entry = AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_code=getattr(instance, "code", "") or "",
        site=site,
        changes=changes,
    )
    batch = _batch.get()
    if batch is None:
        entry.save(force_insert=True)
    else:
        batch.append(entry)
    return entry


def record_event(
    *,
    actor,
    action: str,
    object_type: str,
    object_id: str = "",
    object_code: str = "",
    site=None,
    details: dict | None = None,
) -> AuditEntry:
    """Store an event that is not a change to a record's fields (a sign-in, a two-factor
    change). `details` become changes shown as {name: [None, value]}."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_code=object_code,
        site=site,
        changes={k: [None, v] for k, v in (details or {}).items()},
    )


def record_export(
    *,
    actor,
    what: str,
    site=None,
    fmt: str,
    via: str,
    year: int | None = None,
    details: dict | None = None,
) -> AuditEntry:
    """Store that a report or a data set left the system: who (a user, or the operating
    system account that ran a command), when, which report or data set, site, year, format.

    `what` names the report or data set ("reports.annual", "interchange.dataset"). Only
    these chosen fields are kept, never a request's query string, so nothing else a URL
    carried (a questionnaire code, a search) can reach the trail.
    """
    changes = {"format": [None, fmt], "via": [None, via]}
    if year is not None:
        changes["year"] = [None, year]
    if via == "command":
        import getpass

        try:
            changes["by"] = [None, getpass.getuser()]
        except (KeyError, OSError):
            pass
    for key, value in (details or {}).items():
        if value not in (None, ""):
            changes[key] = [None, _plain(value)]
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=AuditAction.EXPORT,
        object_type=what,
        object_id=str(year) if year is not None else "",
        object_code=getattr(site, "code", "") or "",
        site=site,
        changes=changes,
    )
