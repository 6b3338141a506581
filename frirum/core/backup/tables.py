"""Which tables a backup holds, and how their values become JSON and back."""

import base64
import datetime
import decimal
import uuid

from django.apps import apps
from django.db import models
from django.utils.duration import duration_iso_string

FORMAT = "frirum-backup"
VERSION = 1
# Sessions and uploads waiting for confirmation are left out on purpose: a restored system
# starts with everyone signed out and nothing half-imported.
SKIPPED = {"sessions.session", "interchange.pendingupload", "interchange.pendinguploadchunk"}


def backed_up_models() -> list[type[models.Model]]:
    chosen = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in SKIPPED:
            continue
        chosen.append(model)
    return sorted(chosen, key=lambda model: model._meta.label_lower)


def columns(model) -> list[models.Field]:
    # Generated columns (a search key) are the database's to compute, never to restore.
    return [
        field for field in model._meta.concrete_fields if not getattr(field, "generated", False)
    ]


def encode(value):
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


def decode(field: models.Field, value):
    if value is None or isinstance(field, models.JSONField):
        return value
    return field.to_python(value)
