"""`frirum hsds-export PATH`: the directory as HSDS 3, JSON (.json) or tabular package (.zip)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frirum.directory.hsds_export import export_services
from frirum.directory.hsds_tabular import export_zip
from frirum.directory.models import Service


class Command(BaseCommand):
    help = "Export the directory in HSDS 3: a .json file of services or a .zip tabular package."

    def add_arguments(self, parser):
        parser.add_argument("path", help="services.json or directory.zip")
        parser.add_argument(
            "--all", action="store_true", help="unpublished entries too (default: published)"
        )

    def handle(self, *args, path: str, all: bool = False, **options):
        services = Service.objects.all() if all else Service.objects.published()
        target = Path(path)
        if target.suffix == ".zip":
            target.write_bytes(export_zip(services))
        elif target.suffix == ".json":
            items = export_services(services)
            target.write_text(json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8")
        else:
            raise CommandError("The file name must end in .json or .zip.")
        self.stdout.write(f"Exported {services.count()} services to {target}.")
