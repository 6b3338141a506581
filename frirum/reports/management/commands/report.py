"""`frirum report annual|national|family`: a report's figures as JSON, or a presented form.

JSON is the figures themselves, unrounded and unsuppressed (the command line is for
operators with database access). html, pdf, xlsx and csv round and suppress small numbers
below `--k`, and compare with the previous year. `--audit` prints the disclosure audit of
the presented forms instead (frirum.reports.disclosure.audit) and fails when it does.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from frirum.audit.actions import record_export
from frirum.reports import figures, render
from frirum.sites.models import Site, SiteKind

FORMATS = ("json", "html", "pdf", "xlsx", "csv")
BINARY_FORMATS = ("pdf", "xlsx")


class Command(BaseCommand):
    help = "Print or write a report: annual (one site), national or family, for a calendar year."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=figures.KINDS)
        parser.add_argument("--year", type=int, required=True, help="Calendar year, e.g. 2025.")
        parser.add_argument("--site", help="Site code: required for annual, optional for family.")
        parser.add_argument("--format", choices=FORMATS, default="json", dest="fmt")
        parser.add_argument(
            "--output",
            help="File to write; json, csv and html go to standard output without one.",
        )
        parser.add_argument("--language", choices=("da", "en"), default="da")
        parser.add_argument(
            "--k",
            type=int,
            default=None,
            help="Suppress counts below this in presented forms (default FRIRUM_SUPPRESSION_K).",
        )
        parser.add_argument(
            "--audit",
            action="store_true",
            help="Print the disclosure audit of everything this report's readers can see "
            "(their other reports, the years around it, trends); exit 1 when a hidden count "
            "can be worked out.",
        )

    def handle(
        self,
        *args,
        kind: str,
        year: int,
        site: str | None,
        fmt: str,
        output: str | None,
        language: str,
        k: int | None,
        audit: bool = False,
        **options,
    ) -> None:
        if not 1900 <= year <= 9999:
            raise CommandError(f"--year {year} is not a calendar year.")
        if fmt in BINARY_FORMATS and not output:
            raise CommandError(f"--format {fmt} needs --output FILE.")
        k = settings.FRIRUM_SUPPRESSION_K if k is None else k
        if k < 1:
            raise CommandError("--k must be at least 1.")
        report_site = self.resolve_site(kind, site)
        if audit:
            self.audit(kind, year, report_site, k)
            return

        current = figures.compute(kind, year=year, site=report_site)
        record_export(
            actor=None,
            what=f"reports.{kind}",
            site=report_site,
            fmt=fmt,
            via="command",
            year=year,
            details={"k": None if fmt == "json" else k},
        )
        if fmt == "json":
            data = json.dumps(current, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            self.emit(data.encode(), output)
            return
        previous = figures.compute(kind, year=year - 1, site=report_site)
        with translation.override(language):
            content = render.render_report(
                kind=kind, figures=current, previous=previous, fmt=fmt, language=language, k=k
            )
        self.emit(content, output)

    def audit(self, kind: str, year: int, site: Site | None, k: int) -> None:
        from frirum.reports.disclosure.audit import audit_for_report

        result = audit_for_report(kind=kind, year=year, site=site, k=k)
        self.stdout.write(result.table(), ending="")
        if not result.passed:
            raise CommandError("The disclosure audit failed: a hidden figure can be worked out.")

    def resolve_site(self, kind: str, code: str | None) -> Site | None:
        if kind == "national":
            if code:
                raise CommandError("A national report covers every site: leave out --site.")
            return None
        if code is None:
            if kind == "annual":
                raise CommandError("An annual report needs --site CODE.")
            return None
        site = Site.objects.select_related("municipality", "hub").filter(code=code).first()
        if site is None:
            raise CommandError(f"No site has the code {code!r}.")
        if kind == "annual" and site.kind not in figures.ANNUAL_SITE_KINDS:
            raise CommandError(
                f"{code} is a Family site: use `frirum report family --site {code}`."
            )
        if kind == "family" and site.kind != SiteKind.FAMILY:
            raise CommandError(f"{code} is not a Family site.")
        return site

    def emit(self, content: bytes, output: str | None) -> None:
        if output:
            try:
                Path(output).write_bytes(content)
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error.strerror}.") from error
            return
        # Bytes to the real stream keep UTF-8 whatever the terminal's locale says; a text
        # stream without a buffer (tests, call_command) gets the decoded text.
        buffer = getattr(self.stdout, "buffer", None)
        if buffer is not None:
            self.stdout.flush()
            buffer.write(content)
            buffer.flush()
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
