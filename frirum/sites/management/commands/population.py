"""Import official population figures for municipalities (e.g. from Statistics Denmark).

CSV with a header: municipality_code, population_total, population_12_25, year; or
Statistics Denmark's StatBank table FOLK1A as downloaded (semicolon separated, Danish headers,
see frirum.sites.statbank), recognised by its header.
All or nothing: any bad row aborts with its line and column, and nothing is saved.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from frirum.sites import statbank
from frirum.sites.models import Municipality

COLUMNS = ["municipality_code", "population_total", "population_12_25", "year"]


def _int(
    value: str, *, line: int, column: str, minimum: int = 0, maximum: int = 10_000_000
) -> int | None:
    value = value.strip()
    if not value and column != "year":
        return None
    try:
        number = int(value)
    except ValueError:
        raise CommandError(
            f"line {line} column {column}: {value!r} is not a whole number"
        ) from None
    if not minimum <= number <= maximum:
        raise CommandError(f"line {line} column {column}: {number} is out of range")
    return number


class Command(BaseCommand):
    help = "Import municipalities' official population figures from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        by_code = {m.code: m for m in Municipality.objects.all()}
        text = statbank.decode(path.read_bytes())
        if statbank.looks_like_statbank(text):
            self._import_statbank(text, by_code)
            return
        updates = []
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames != COLUMNS:
                raise CommandError(f"line 1: the header must be {','.join(COLUMNS)}")
            seen = set()
            for line, row in enumerate(reader, start=2):
                code = (row["municipality_code"] or "").strip()
                municipality = by_code.get(code)
                if municipality is None:
                    raise CommandError(
                        f"line {line} column municipality_code: unknown code {code!r}"
                    )
                if code in seen:
                    raise CommandError(
                        f"line {line} column municipality_code: {code} appears twice"
                    )
                seen.add(code)
                municipality.population_total = _int(
                    row["population_total"] or "", line=line, column="population_total"
                )
                municipality.population_12_25 = _int(
                    row["population_12_25"] or "", line=line, column="population_12_25"
                )
                municipality.population_year = _int(
                    row["year"] or "", line=line, column="year", minimum=1900, maximum=2200
                )
                updates.append(municipality)
        with transaction.atomic():
            Municipality.objects.bulk_update(
                updates, ["population_total", "population_12_25", "population_year"]
            )
        self.stdout.write(f"Updated population figures for {len(updates)} municipalities.")

    def _import_statbank(self, text: str, by_code: dict[str, Municipality]) -> None:
        by_name = {m.name.lower(): code for code, m in by_code.items()}
        try:
            figures = statbank.parse(text, by_name=by_name, codes=set(by_code))
        except statbank.StatBankError as error:
            raise CommandError(str(error)) from None
        updates = []
        for code, population in figures.items():
            municipality = by_code[code]
            municipality.population_total = population.total
            municipality.population_12_25 = population.aged_12_25
            municipality.population_year = population.year
            updates.append(municipality)
        with transaction.atomic():
            Municipality.objects.bulk_update(
                updates, ["population_total", "population_12_25", "population_year"]
            )
        self.stdout.write(
            f"Updated population figures for {len(updates)} municipalities "
            "from the StatBank export."
        )
