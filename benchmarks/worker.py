"""One benchmark step inside its own process, against the database the environment names.

    python -m benchmarks.worker import DATASET --site CODE --year YEAR
    python -m benchmarks.worker baseline DATASET

Prints one line `RESULT {json}` for benchmarks.run to read.
"""

import argparse
import io
import json
import os
import statistics
import time
from pathlib import Path


def _median_time(function, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _reports(site_code: str, year: int, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks.queries import annual_core, national_core
    from frirum.reports.figures import annual, national
    from frirum.sites.models import Site

    site = Site.objects.get(code=site_code)
    with CaptureQueriesContext(connection) as annual_queries:
        annual(site=site, year=year)
    with CaptureQueriesContext(connection) as national_queries:
        national(year=year)
    annual_s, annual_figures = _median_time(lambda: annual(site=site, year=year), repeat)
    national_s, national_figures = _median_time(lambda: national(year=year), repeat)
    annual_sql_s, annual_sql = _median_time(lambda: annual_core(site, year), repeat)
    national_sql_s, national_sql = _median_time(lambda: national_core(year), repeat)
    # The yardstick must count what the report counts, or the comparison means nothing.
    mismatches = []
    for name, figures, core in (
        ("annual", annual_figures, annual_sql),
        ("national", national_figures, national_sql),
    ):
        report = {
            "youth": figures["youth"]["personal"],
            "contacts": figures["contacts"]["total"],
            "by_channel": {k: v for k, v in figures["contacts"]["by_channel"].items() if v},
        }
        if report != core:
            mismatches.append({"report": name, "figures": report, "sql": core})
    return {
        "annual_s": annual_s,
        "national_s": national_s,
        "annual_sql_s": annual_sql_s,
        "national_sql_s": national_sql_s,
        "annual_queries": len(annual_queries),
        "national_queries": len(national_queries),
        "annual_contacts": annual_sql["contacts"],
        "national_contacts": national_sql["contacts"],
        "mismatches": mismatches,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("import", "baseline"))
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--site", default="S101")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frirum.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    result: dict = {"vendor": connection.vendor}
    if args.mode == "baseline":
        from benchmarks.baseline import load

        seconds, rows = _median_time(lambda: load(args.dataset), 1)
        result.update(seconds=seconds, rows=rows)
    else:
        from frirum.interchange.models import ImportBatch

        seconds, _none = _median_time(
            lambda: call_command(
                "import", str(args.dataset), stdout=io.StringIO(), stderr=io.StringIO()
            ),
            1,
        )
        batch = ImportBatch.objects.get()
        result.update(seconds=seconds, rows=sum(batch.counts.values()))
        result["fresh"] = _reports(args.site, args.year, args.repeat)
        _analyze()
        result["analyzed"] = _reports(args.site, args.year, args.repeat)
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
