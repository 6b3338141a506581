"""`frirum import PATH`: bring a dataset (folder or .zip) in, all or nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from frirum.interchange.actions import ImportRefused, check_dataset, import_dataset
from frirum.interchange.progress import TerminalProgress


class Command(BaseCommand):
    help = "Import a dataset in interchange format v1 (a folder or a .zip of CSV files)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="dataset folder or .zip")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the dataset and report what would be created, without writing",
        )

    def handle(self, *args, path: str, dry_run: bool = False, **options):
        progress = TerminalProgress.for_terminal(self.stderr._out)
        try:
            if dry_run:
                plan = check_dataset(path=path, progress=progress)
                if not plan.ok:
                    raise ImportRefused(plan)
                counts = plan.counts
            else:
                batch = import_dataset(path=path, progress=progress)
                counts = batch.counts
        except ImportRefused as exc:
            if progress is not None:
                progress.close()
            lines = [str(p) for p in exc.plan.problems]
            if exc.plan.truncated:
                lines.append(_("(more errors not shown)"))
            heading = _("Nothing was imported. The dataset has these errors:")
            raise CommandError("\n".join([heading, *lines])) from None
        if progress is not None:
            progress.close()
        heading = _("Dry run: nothing written. Would create:") if dry_run else _("Imported:")
        self.stdout.write(heading)
        for name, count in counts.items():
            self.stdout.write(f"  {name:<26} {count:>10}")
