"""One benchmark step inside its own process, against the database the environment names.

    python -m benchmarks.worker import DATASET --site CODE --year YEAR [--repeat N]
    python -m benchmarks.worker reports --site CODE --year YEAR [--repeat N]
    python -m benchmarks.worker baseline DATASET

`import` imports the dataset with `frirum import`, then measures the reports right after the
import and again after ANALYZE; `reports` measures them on a database already imported.
Prints one line `RESULT {json}` for benchmarks.run to read.
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path


def _once(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class QueryClock:
    """Times each SQL statement of a call, labelled by the figure function that sent it."""

    def __init__(self):
        self.entries: list[dict] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seconds = time.perf_counter() - started
            self.entries.append({"where": self._caller(), "s": seconds, "sql": sql[:160]})

    @staticmethod
    def _caller() -> str:
        frame, names = sys._getframe(1), []
        while frame is not None:
            module = frame.f_globals.get("__name__", "")
            if module.startswith("frirum.reports.figures") and not module.endswith(".common"):
                names.append(f"{module.rsplit('.', 1)[-1]}.{frame.f_code.co_name}")
            frame = frame.f_back
        # Innermost first: the figure function that sent the query, then who called it.
        return " < ".join(names[:2]) or "?"


def _breakdown(function) -> list[dict]:
    from django.db import connection

    clock = QueryClock()
    with connection.execute_wrapper(clock):
        function()
    return sorted(clock.entries, key=lambda entry: -entry["s"])


def _reports(site_code: str, year: int, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks import queries
    from frirum.reports.figures import annual, national
    from frirum.sites.models import Site

    site = Site.objects.get(code=site_code)
    candidates = {
        "annual": (
            lambda: annual(site=site, year=year),
            lambda: queries.annual_narrow(site, year),
            lambda: queries.annual_core(site, year),
            "chat_resident",
        ),
        "national": (
            lambda: national(year=year),
            lambda: queries.national_narrow(year),
            lambda: queries.national_core(year),
            "chat",
        ),
    }
    result: dict = {}
    mismatches: list = []
    for key, (report, narrow, core, chat_name) in candidates.items():
        # A first, untimed round warms the caches for all three alike and counts queries.
        with CaptureQueriesContext(connection) as captured:
            report()
        narrow()
        core()
        times: dict[str, list[float]] = {"report": [], "narrow": [], "core": []}
        # Interleaved rounds: load from other processes falls on report and yardsticks alike.
        for _ in range(repeat):
            seconds, figures = _once(report)
            times["report"].append(seconds)
            seconds, narrow_counts = _once(narrow)
            times["narrow"].append(seconds)
            seconds, core_counts = _once(core)
            times["core"].append(seconds)
        # The yardsticks must count what the report counts, or the ratios mean nothing.
        narrow_report = {
            "youth": figures["youth"]["personal"],
            "contacts": figures["contacts"]["total"],
            "by_channel": {k: v for k, v in figures["contacts"]["by_channel"].items() if v},
        }
        if narrow_report != narrow_counts:
            mismatches.append(f"{key} narrow: report {narrow_report} != SQL {narrow_counts}")
        mismatches += [
            f"{key} core: {d}" for d in queries.differences(figures, core_counts, chat_name)
        ]
        result.update(
            {
                f"{key}_s": statistics.median(times["report"]),
                f"{key}_narrow_s": statistics.median(times["narrow"]),
                f"{key}_core_s": statistics.median(times["core"]),
                f"{key}_times": times,
                f"{key}_queries": len(captured),
                f"{key}_contacts": narrow_counts["contacts"],
                f"{key}_breakdown": _breakdown(report),
            }
        )
    result["mismatches"] = mismatches
    return result


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frirum.settings")
    import django

    django.setup()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("import", "reports", "baseline"))
    parser.add_argument("dataset", type=Path, nargs="?")
    parser.add_argument("--site", default="S101")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if args.mode != "reports" and args.dataset is None:
        parser.error(f"{args.mode} needs the dataset folder")

    _setup()
    from django.core.management import call_command
    from django.db import connection

    result: dict = {"vendor": connection.vendor}
    if args.mode == "reports":
        result["analyzed"] = _reports(args.site, args.year, args.repeat)
        print("RESULT " + json.dumps(result), flush=True)
        return

    call_command("migrate", verbosity=0, interactive=False)
    if args.mode == "baseline":
        from benchmarks.baseline import load

        seconds, rows = _once(lambda: load(args.dataset))
        result.update(seconds=seconds, rows=rows)
    else:
        from frirum.interchange.models import ImportBatch

        seconds, _none = _once(
            lambda: call_command(
                "import", str(args.dataset), stdout=io.StringIO(), stderr=io.StringIO()
            )
        )
        batch = ImportBatch.objects.get()
        result.update(seconds=seconds, rows=sum(batch.counts.values()))
        result["fresh"] = _reports(args.site, args.year, args.repeat)
        _analyze()
        result["analyzed"] = _reports(args.site, args.year, args.repeat)
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
