"""`frirum backup FILE`: a consistent, checksummed snapshot of everything."""

from django.core.management.base import BaseCommand

from frirum.core.backup import write_backup


class Command(BaseCommand):
    help = (
        "Write a consistent snapshot of the whole database (records, questionnaires, "
        "accounts, audit trail, settings) to FILE, from SQLite or PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        manifest = write_backup(file)
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backup written to {file}: {rows} rows in {len(manifest['tables'])} tables, "
            f"SHA-256 {manifest['data_sha256']}"
        )
