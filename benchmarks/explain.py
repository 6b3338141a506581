"""EXPLAIN ANALYZE every query of the annual and national reports (PostgreSQL).

    DATABASE_URL=postgresql://.../frirum_bench python -m benchmarks.explain [--site S101]
        [--year 2025] [--out benchmarks/out/explain.txt] [--set "random_page_cost = 1.1"]

Runs each report once to capture its SQL (as sent, parameters bound), then runs
`EXPLAIN (ANALYZE, BUFFERS)` on each statement and on the two core-counts statements of
benchmarks/queries.py, slowest first. Use it on a database the benchmark kept
(`python -m benchmarks --keep-postgresql`).
"""

import argparse
import os
from pathlib import Path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", default="S101")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/explain.txt"))
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="SETTING",
        help="a planner setting for the session first, e.g. 'random_page_cost = 1.1'",
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frirum.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks import queries
    from benchmarks.worker import QueryClock
    from frirum.reports.figures import annual, national
    from frirum.sites.models import Site

    if connection.vendor != "postgresql":
        parser.error("EXPLAIN ANALYZE here is for PostgreSQL (set DATABASE_URL)")
    with connection.cursor() as cursor:
        for setting in args.set:
            # A command-line tool for whoever runs the benchmark: the setting is theirs.
            cursor.execute(f"SET {setting}")
    site = Site.objects.get(code=args.site)
    reports = {
        "annual": (lambda: annual(site=site, year=args.year), queries.annual_core, (site,)),
        "national": (lambda: national(year=args.year), queries.national_core, ()),
    }
    sections = []
    for name, (report, core, core_args) in reports.items():
        report()  # warm
        clock = QueryClock()
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(clock):
            report()
        with CaptureQueriesContext(connection) as core_sql:
            core(*core_args, args.year)
        statements = [
            (entry["where"], query["sql"])
            for entry, query in zip(clock.entries, captured.captured_queries, strict=True)
        ] + [("benchmarks.queries core-counts statement", core_sql.captured_queries[0]["sql"])]
        plans = []
        for where, sql in statements:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [row[0] for row in cursor.fetchall()]
            total = float(plan[-1].split(":")[1].strip().split()[0])  # Execution Time: x ms
            plans.append((total, where, sql, plan))
        plans.sort(key=lambda p: -p[0])
        summary = [f"== {name} report {args.year}: statements by execution time"]
        summary += [f"  {total:9.1f} ms  {where}" for total, where, _sql, _plan in plans]
        details = [
            f"\n-- {name}: {where} ({total:.1f} ms)\n{sql}\n" + "\n".join(plan)
            for total, where, sql, plan in plans
        ]
        print("\n".join(summary))
        sections += [*summary, *details, ""]
    args.out.write_text("\n".join(sections))
    print(f"plans written to {args.out}")


if __name__ == "__main__":
    main()
