"""`frirum export PATH`: write the database (or one site and period) as a dataset."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from frirum.audit.actions import record_export
from frirum.interchange.actions import ExportRefused, export_dataset
from frirum.sites.models import Site


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("%(value)r is not a date of the form YYYY-MM-DD") % {"value": value}
        ) from None


class Command(BaseCommand):
    help = "Export in interchange format v1 to a folder, or a .zip when PATH ends in .zip."

    def add_arguments(self, parser):
        parser.add_argument("path", help="folder or .zip to write")
        parser.add_argument("--site", help="only this site's records (site code)")
        parser.add_argument("--from", dest="date_from", help="first date, YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", help="last date, YYYY-MM-DD")

    def handle(self, *args, path, site=None, date_from=None, date_to=None, **options):
        site_obj = None
        if site:
            site_obj = Site.objects.filter(code=site).first()
            if site_obj is None:
                raise CommandError(_("Unknown site %(code)r.") % {"code": site})
        first = _date(date_from) if date_from else None
        last = _date(date_to) if date_to else None
        try:
            export_dataset(
                path=path,
                site=site_obj,
                date_from=first,
                date_to=last,
                on_file=lambda name, n: self.stdout.write(f"  {name:<26} {n:>10}"),
            )
        except ExportRefused as exc:
            raise CommandError(str(exc)) from None
        # In the audit trail: which data set left the system (not where it was written).
        record_export(
            actor=None,
            what="interchange.dataset",
            site=site_obj,
            fmt="zip" if str(path).endswith(".zip") else "folder",
            via="command",
            details={
                "from": first.isoformat() if first else None,
                "to": last.isoformat() if last else None,
            },
        )
