"""Writing a backup: one read-only snapshot transaction, streamed into a zip."""

import datetime
import hashlib
import json
import os
import zipfile
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from frirum.core.backup.tables import FORMAT, VERSION, backed_up_models, columns, encode

CHUNK = 2000


def applied_migrations(connection) -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _snapshot(connection):
    """Begin a transaction that sees one moment of the database for all tables."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def write_backup(path: str | Path, *, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write every table to `path` (atomically: a partial file never has the final name).
    Returns the manifest."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    connection = connections[using]
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic(using=using):
            if outermost:  # inside a caller's transaction its snapshot already holds
                _snapshot(connection)
            migrations = applied_migrations(connection)
            with (
                zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive,
                archive.open("data.jsonl", "w", force_zip64=True) as data,
            ):
                for model in backed_up_models():
                    fields = columns(model)
                    header = {
                        "table": model._meta.label_lower,
                        "columns": [f.attname for f in fields],
                    }
                    line = (json.dumps(header) + "\n").encode()
                    digest.update(line)
                    data.write(line)
                    count = 0
                    rows = (
                        model._base_manager.using(using)
                        .order_by("pk")
                        .values_list(*[f.attname for f in fields])
                    )
                    for row in rows.iterator(chunk_size=CHUNK):
                        line = (
                            json.dumps([encode(value) for value in row], ensure_ascii=False) + "\n"
                        ).encode()
                        digest.update(line)
                        data.write(line)
                        count += 1
                    counts[model._meta.label_lower] = count
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created": datetime.datetime.now(datetime.UTC).isoformat(),
                "source_database": connection.vendor,
                "migrations": migrations,
                "tables": counts,
                "data_sha256": digest.hexdigest(),
            }
            with zipfile.ZipFile(partial, "a") as archive:
                archive.writestr("manifest.json", json.dumps(manifest, indent=1))
        # The file holds password hashes and the audit trail: readable by its owner only.
        os.chmod(partial, 0o600)
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()
    return manifest
