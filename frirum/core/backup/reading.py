"""Restoring a backup: check the whole file first, then load it in one transaction."""

import hashlib
import io
import json
import zipfile
import zlib
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from frirum.core.backup.tables import FORMAT, VERSION, backed_up_models, columns, decode
from frirum.core.backup.writing import applied_migrations
from frirum.people import search_index

BATCH = 1000
# A database counts as empty when none of these hold a row: what `frirum migrate` puts in
# (municipalities, terms, instruments, content types) is replaced by the backup's own rows.
RECORD_TABLES = ("accounts.user", "sites.site", "audit.auditentry")


class BackupError(Exception):
    """The file is not a whole, intact Frirum backup, or the database can't take it."""


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError as error:
        raise BackupError(f"No such file: {path.name}") from error
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(
            f"{path.name} is not a complete Frirum backup (the file is damaged or cut off)."
        ) from error


def read_manifest(path: str | Path) -> dict:
    path = Path(path)
    with _open(path) as archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except KeyError as error:
            raise BackupError(f"{path.name} has no manifest: not a Frirum backup.") from error
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise BackupError(f"{path.name}: the manifest is damaged.") from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{path.name} is not a Frirum backup of format version {VERSION}.")
    return manifest


def _lines(archive: zipfile.ZipFile):
    with archive.open("data.jsonl") as raw:
        yield from io.TextIOWrapper(raw, encoding="utf-8")


def verify(path: Path) -> dict:
    """Read the whole file once: checksum and row counts must match the manifest."""
    manifest = read_manifest(path)
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    table = None
    try:
        with _open(path) as archive:
            for line in _lines(archive):
                digest.update(line.encode("utf-8"))
                if line.startswith("{"):
                    table = json.loads(line)["table"]
                    counts[table] = 0
                else:
                    counts[table] += 1
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        KeyError,
        ValueError,
        TypeError,
    ) as error:
        raise BackupError(f"{path.name}: the data is damaged or cut off.") from error
    if digest.hexdigest() != manifest["data_sha256"]:
        raise BackupError(f"{path.name}: the checksum does not match; the file is damaged.")
    if counts != manifest["tables"]:
        raise BackupError(f"{path.name}: the row counts do not match the manifest.")
    return manifest


def _check_target(connection, manifest: dict, models_by_label: dict) -> None:
    applied = applied_migrations(connection)
    if applied != manifest["migrations"]:
        missing = {tuple(m) for m in manifest["migrations"]} - {tuple(m) for m in applied}
        extra = {tuple(m) for m in applied} - {tuple(m) for m in manifest["migrations"]}
        raise BackupError(
            "The database is not at the backup's version "
            f"({len(missing)} migrations missing, {len(extra)} more than the backup's): "
            "restore with the Frirum version that wrote the backup, then upgrade."
        )
    unknown = set(manifest["tables"]) - set(models_by_label)
    if unknown:
        raise BackupError(f"The backup holds tables this Frirum does not know: {sorted(unknown)}")
    for label in RECORD_TABLES:
        if models_by_label[label]._base_manager.using(connection.alias).exists():
            raise BackupError(
                "The database is not empty (it holds accounts, sites or an audit trail): "
                "restore only into a new, migrated database."
            )


def _empty_tables(connection, models) -> None:
    tables = [connection.ops.quote_name(model._meta.db_table) for model in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (quoted table names)


def _insert(connection, model, names: list[str], rows: list[list]) -> None:
    fields = {field.attname: field for field in columns(model)}
    chosen = [fields[name] for name in names]
    # Table and column names come from the models and are quoted; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(connection.ops.quote_name(field.column) for field in chosen),
        ", ".join(["%s"] * len(chosen)),
    )
    values = [
        [
            field.get_db_prep_save(decode(field, value), connection)
            for field, value in zip(chosen, row, strict=True)
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def restore_backup(path: str | Path, *, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Load a verified backup into an empty, migrated database: all of it, or nothing."""
    path = Path(path)
    manifest = verify(path)
    connection = connections[using]
    models = backed_up_models()
    models_by_label = {model._meta.label_lower: model for model in models}
    _check_target(connection, manifest, models_by_label)
    try:
        with transaction.atomic(using=using):
            _empty_tables(connection, models)
            with _open(path) as archive:
                model, names, batch = None, [], []
                for line in _lines(archive):
                    if line.startswith("{"):
                        if batch:
                            _insert(connection, model, names, batch)
                        header = json.loads(line)
                        model, names, batch = (
                            models_by_label[header["table"]],
                            header["columns"],
                            [],
                        )
                        continue
                    batch.append(json.loads(line))
                    if len(batch) >= BATCH:
                        _insert(connection, model, names, batch)
                        batch = []
                if batch:
                    _insert(connection, model, names, batch)
            for label, expected in manifest["tables"].items():
                found = models_by_label[label]._base_manager.using(using).count()
                if found != expected:
                    raise BackupError(f"{label}: {found} rows loaded, {expected} expected.")
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
            connection.check_constraints()
            # Derived data, never in a backup: SQLite's search index, filled from the young
            # people just loaded (its triggers did so row by row; this makes sure).
            search_index.rebuild(connection)
    except BackupError:
        raise
    except Exception as error:
        raise BackupError(
            f"The backup could not be loaded ({type(error).__name__}); nothing was changed."
        ) from error
    finally:
        ContentType.objects.clear_cache()
    return manifest
