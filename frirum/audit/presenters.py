"""The audit trail as a reader sees it: labels, never codes, in the reader's language.

An entry stores codes (`{"channel": ["phone", "in_person"]}`, term and municipality codes,
ISO dates) so that it stays true when a label is renamed. Here every code becomes what the
forms show: a field's verbose name, a choice's label, a term's Danish or English label, a
site's or municipality's name, a date in the locale's format. Related records are looked up
once per page (one query per kind of record), not once per change.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from frirum.audit.models import AuditEntry

# Fields whose models give no verbose name of their own (Django would show "registered at
# site" in English to a Danish reader).
FIELD_LABELS = {
    "registered_at_site": _("registered at site"),
    "site": _("site"),
    "user": _("user"),
    "municipality": _("municipality"),
    "region": _("region"),
    "group_session": _("group session"),
    "note": _("note"),
    "relation": _("relation"),
    "family_group": _("family group"),
    "instrument": _("questionnaire"),
    "scoring": _("scoring"),
    "version": _("version"),
    "contact": _("conversation"),
    "item": _("question"),
    "item_code": _("question"),
    "code_hash": _("code"),
    "expires_at": _("expires"),
    "used_at": _("used"),
    "imported_by": _("imported by"),
    "bridging_services": _("directory services"),
}
# The details of account events (frirum.accounts.actions): their names and values.
EVENT_LABELS = {
    "method": _("method"),
    "reason": _("reason"),
    "step": _("step"),
    "by": _("by"),
}
EVENT_VALUES = {
    "password": _("password"),
    "totp": _("code from the authenticator app"),
    "recovery": _("recovery code"),
    "code": _("code"),
    "email_link": _("link sent by e-mail"),
    "user": _("by the user"),
    "timeout": _("inactivity"),
    "idle": _("inactivity"),
}
# Record types that are no model (or whose model is gone).
RECORD_TYPES = {"accounts.user": _("user account")}


@dataclass
class TrailChange:
    field: str
    before: object
    after: object


@dataclass
class TrailEntry:
    entry: AuditEntry
    changes: list[TrailChange]
    record_type: str = ""


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(model, name: str) -> str:
    """The field's name in the reader's language."""
    field = _field(model, name)
    auto = name.replace("_", " ")
    if field is not None and str(field.verbose_name) != auto:
        return capfirst(str(field.verbose_name))
    label = FIELD_LABELS.get(name) or EVENT_LABELS.get(name)
    return capfirst(str(label)) if label else capfirst(auto)


def record_type_label(object_type: str) -> str:
    """The record type's name ("Samtale" for contacts.contact), or the stored type."""
    if object_type in RECORD_TYPES:
        return capfirst(str(RECORD_TYPES[object_type]))
    model = _model(object_type)
    return capfirst(str(model._meta.verbose_name)) if model else object_type


class _Related:
    """Names of the related records the page's entries mention, looked up by code at once."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set[str]] = defaultdict(set)
        self.names: dict[tuple[type[models.Model], str], dict[str, str]] = {}

    def want(self, model, codes) -> None:
        self.wanted[model].update(str(code) for code in codes if code not in (None, ""))

    def load(self) -> None:
        from frirum.taxonomies.models import Term

        for model, codes in self.wanted.items():
            if not codes or _field(model, "code") is None:
                continue
            rows = model.objects.filter(code__in=codes)
            if model is Term:
                for term in rows:
                    self.names.setdefault((model, term.vocabulary), {})[term.code] = term.label
                    self.names.setdefault((model, ""), {}).setdefault(term.code, term.label)
            else:
                self.names[(model, "")] = {row.code: str(row) for row in rows}

    def name(self, field, code) -> str:
        model = field.related_model
        vocabulary = (field.remote_field.limit_choices_to or {}).get("vocabulary", "")
        names = self.names.get((model, str(vocabulary)), self.names.get((model, ""), {}))
        return names.get(str(code), str(code))


def _codes(value) -> list:
    return value if isinstance(value, list) else [value]


class Presenter:
    """Turns stored changes into text; `prepare` first so related names load at once."""

    def __init__(self):
        self.related = _Related()

    def prepare(self, entries) -> None:
        for entry in entries:
            model = _model(entry.object_type)
            for name, values in (entry.changes or {}).items():
                field = _field(model, name)
                if field is not None and field.is_relation and field.related_model:
                    for value in values or []:
                        if value is not None:
                            self.related.want(field.related_model, _codes(value))
        self.related.load()

    def value(self, model, name: str, value) -> object:
        if value is None or value == "" or value == []:
            return None
        if isinstance(value, str) and value.startswith("text:"):
            # Free text is kept only as a digest (frirum.audit.actions): say so instead.
            return _("(text)")
        field = _field(model, name)
        if isinstance(value, list):
            return ", ".join(str(self.value(model, name, item)) for item in value)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if field is None:
            return EVENT_VALUES.get(value, value) if isinstance(value, str) else value
        if field.is_relation and field.related_model:
            if field.related_model is get_user_model():
                return value  # staff are stored by name already
            return self.related.name(field, value)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(field, models.DateTimeField):
            return _datetime_text(value)
        if isinstance(field, models.DateField):
            return _date_text(value)
        return value

    def entry(self, entry: AuditEntry) -> TrailEntry:
        model = _model(entry.object_type)
        changes = [
            TrailChange(
                field_label(model, name),
                self.value(model, name, old),
                self.value(model, name, new),
            )
            for name, (old, new) in sorted((entry.changes or {}).items())
        ]
        return TrailEntry(entry, changes, record_type_label(entry.object_type))


def _date_text(value) -> str:
    day = value if isinstance(value, dt.date) else parse_date(str(value)[:10])
    return date_format(day, "DATE_FORMAT") if day else str(value)


def _datetime_text(value) -> str:
    moment = value if isinstance(value, dt.datetime) else parse_datetime(str(value))
    if moment is None:
        return _date_text(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "DATETIME_FORMAT")


def present_trail(entries) -> list[TrailEntry]:
    """Audit entries as the reader sees them: labels in the active language, local dates."""
    entries = list(entries)
    presenter = Presenter()
    presenter.prepare(entries)
    return [presenter.entry(entry) for entry in entries]
