"""`frirum purge-deleted`: removes for good what was deleted longer ago than
FRIRUM_DELETED_RETENTION_DAYS (30). Run it daily (see the README)."""

from django.core.management.base import BaseCommand

from frirum.trash.actions import purge, retention_days


class Command(BaseCommand):
    help = "Remove deleted records older than FRIRUM_DELETED_RETENTION_DAYS for good."

    def handle(self, *args, **options):
        removed = purge()
        self.stdout.write(
            f"Removed {removed} deleted record(s) older than {retention_days()} days."
        )
