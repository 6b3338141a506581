"""`frirum restore FILE`: load a backup into an empty, migrated database."""

from django.core.management.base import BaseCommand, CommandError

from frirum.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by `frirum backup` into a new database after "
        "`frirum migrate`. A damaged, cut-off or foreign file is refused and nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            manifest = restore_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Restored {rows} rows in {len(manifest['tables'])} tables from {file} "
            f"(written {manifest['created']} on {manifest['source_database']})."
        )
