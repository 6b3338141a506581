"""`frirum hsds-import PATH`: HSDS 3 services from a .json file or a .zip tabular package,
all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frirum.directory.hsds_import import HsdsImportError, import_json
from frirum.directory.hsds_tabular import import_zip


class Command(BaseCommand):
    help = "Import HSDS 3 services (a .json file or a .zip tabular package), all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="services.json or directory.zip")

    def handle(self, *args, path: str, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No file {source}.")
        raw = source.read_bytes()
        try:
            count = (
                import_zip(raw) if source.suffix == ".zip" else import_json(raw, file=source.name)
            )
        except HsdsImportError as error:
            lines = [str(problem) for problem in error.errors]
            heading = "Nothing was imported. The file has these errors:"
            raise CommandError("\n".join([heading, *lines])) from None
        self.stdout.write(f"Imported {count} services.")
