"""`frirum anonymity-scan`: which stored texts and codes the current guard would refuse.

Prints one tab-separated line per finding (site code, kind, model, record id, field, rule),
never the text itself, and a count on stderr. Exit status: 0 when nothing was found, 1 when
something was (so a scheduled run can alert), 2 on bad arguments.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from frirum.core.anonymity.scan import scan
from frirum.sites.models import Site


class Command(BaseCommand):
    help = (
        "List every stored free text and pseudonym that the anonymity guard would now refuse "
        "(site, kind, model, record id, field, rule; never the text). Exits 1 when any is found."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", action="append", help="Only this site code (repeatable).")

    def handle(self, *args, **options):
        site_ids = None
        if options["site"]:
            sites = dict(Site.objects.filter(code__in=options["site"]).values_list("code", "id"))
            unknown = sorted(set(options["site"]) - set(sites))
            if unknown:
                raise CommandError(f"unknown site: {', '.join(unknown)}", returncode=2)
            site_ids = set(sites.values())
        count = 0
        self.stdout.write("site\tkind\tmodel\trecord_id\tfield\trule")
        for finding in scan(site_ids):
            count += 1
            self.stdout.write(
                f"{finding.site_code or '-'}\t{finding.kind}\t{finding.model}\t"
                f"{finding.record_id}\t{finding.field}\t{finding.rule}"
            )
        self.stderr.write(f"{count} record field(s) would be refused today.")
        if count:
            sys.exit(1)
