"""Backups that restore: a consistent snapshot of every table to one checksummed file, and a
restore into an empty database that changes nothing unless all of it loads.

The file is a zip holding `data.jsonl` (per table, a header line with its columns, then one
JSON array per row) and `manifest.json` (format version, applied migrations, row counts and
the SHA-256 of `data.jsonl`). It is database-neutral: a backup from SQLite restores into
PostgreSQL and back.
"""

from frirum.core.backup.reading import BackupError, read_manifest, restore_backup
from frirum.core.backup.writing import write_backup

__all__ = ["BackupError", "read_manifest", "restore_backup", "write_backup"]
