"""Run the benchmarks and print a table: import rate, report times and their yardsticks.

    python -m benchmarks [--scale 0.1] [--skip-sqlite] [--skip-postgresql] [--data DIR]
                         [--repeat 5] [--json FILE] [--keep-postgresql]

Generates the dataset once per scale and seed (under benchmarks/out/), then on SQLite and on
PostgreSQL (when reachable: DATABASE_URL, or postgres on localhost) runs each step in its own
process against a fresh database: `frirum import` and the plain-insert baseline, then the
annual report of the largest centre and the national report for the last year of the data.
Each report is timed in interleaved rounds with two hand-written single SQL statements over
the same contacts (benchmarks/queries.py): a narrow one (3 counts) and the core one (every
core count the figures are built from, which the 3x target is judged on); the run checks
that both give the report's figures. Times are medians; ratios are within one run.
"""

import argparse
import json
import os
import platform
import secrets
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from benchmarks.generate import FIRST_YEAR, YEARS, generate

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
SITE = "S101"  # headspace København, the largest centre of the generated network
YEAR = FIRST_YEAR + YEARS - 1

TARGETS = {
    "annual_s": 0.5,  # seconds, on PostgreSQL
    "national_s": 3.0,
    "ratio": 3.0,  # report time / the core hand-written statement's time
}


def dataset(scale: float, seed: int, data: Path | None) -> tuple[Path, dict]:
    folder = data or ROOT / "benchmarks" / "out" / f"scale-{scale:g}-seed-{seed}"
    # Beside the folder, not in it: the import refuses files outside the format.
    marker = folder.parent / f"{folder.name}.counts.json"
    if marker.exists():
        return folder, json.loads(marker.read_text())
    started = time.monotonic()
    counts = generate(folder, scale=scale, seed=seed)
    # Written last: a half-written folder is generated again next time.
    marker.write_text(json.dumps(counts))
    print(f"generated {folder} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return folder, counts


def _worker(args: list[str], env: dict) -> dict:
    # Our own interpreter and module; the arguments are paths and numbers we built.
    process = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "benchmarks.worker", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in process.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    raise RuntimeError(f"benchmark step {args[0]} failed:\n{process.stderr[-3000:]}")


def _base_env() -> dict:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    # Production settings: DEBUG off (no query log), a throwaway key.
    env.update(DEBUG="False", SECRET_KEY=secrets.token_urlsafe(32), LOG_LEVEL="WARNING")
    return env


@contextmanager
def sqlite_database():
    with tempfile.TemporaryDirectory(prefix="frirum-bench-") as folder:
        env = _base_env()
        env["FRIRUM_DATA_DIR"] = folder
        yield env


def postgresql_url() -> str | None:
    import psycopg

    url = os.environ.get("DATABASE_URL") or DEFAULT_PG
    if not url.startswith("postgres"):
        return None
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error:
        return None
    return url


@contextmanager
def postgresql_database(url: str, name: str, keep: bool = False):
    """A fresh database on the server at url, dropped afterwards (unless keep)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        env = _base_env()
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
        yield env
    finally:
        if keep:
            print(f"kept database {name}: drop it when done", file=sys.stderr)
        else:
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def run_backend(name: str, folder: Path, databases, repeat: int) -> dict:
    args = [str(folder), "--site", SITE, "--year", str(YEAR), "--repeat", str(repeat)]
    with databases("frirum_bench") as env:
        print(f"{name}: frirum import ...", file=sys.stderr)
        imported = _worker(["import", *args], env)
    with databases("frirum_bench_baseline") as env:
        print(f"{name}: plain inserts ...", file=sys.stderr)
        baseline = _worker(["baseline", str(folder)], env)
    return {"import": imported, "baseline": baseline}


def _ratio(a: float, b: float) -> str:
    return f"{a / b:,.1f}x" if b else "-"


def _check(seconds: float, limit: float) -> str:
    return "met" if seconds < limit else "NOT met"


def table(results: dict[str, dict], counts: dict, scale: float, repeat: int) -> str:
    names = list(results)
    lines = []

    def row(label: str, values: list[str], target: str = "") -> None:
        lines.append(f"{label:<58}" + "".join(f"{v:>14}" for v in values) + f"   {target}")

    row("", names, "target")
    for name in names:
        r = results[name]
        if r["import"]["rows"] != r["baseline"]["rows"]:
            lines.append(f"!! {name}: import and baseline loaded different row counts")
    imports = [results[n]["import"] for n in names]
    baselines = [results[n]["baseline"] for n in names]
    row("import: rows", [f"{i['rows']:,}" for i in imports])
    row("import: seconds", [f"{i['seconds']:,.1f}" for i in imports])
    row("import: rows/s", [f"{i['rows'] / i['seconds']:,.0f}" for i in imports])
    row("plain multi-row inserts: seconds", [f"{b['seconds']:,.1f}" for b in baselines])
    row("plain multi-row inserts: rows/s", [f"{b['rows'] / b['seconds']:,.0f}" for b in baselines])
    row(
        "import time / plain inserts time",
        [_ratio(i["seconds"], b["seconds"]) for i, b in zip(imports, baselines, strict=True)],
    )
    for state, label in (("fresh", "right after import"), ("analyzed", "after ANALYZE")):
        lines.append(f"-- reports {YEAR}, {label}; medians of {repeat} interleaved rounds")
        figures = [results[n]["import"][state] for n in names]
        pg = results.get("PostgreSQL", {}).get("import", {}).get(state)
        for key, report, limit in (
            ("annual", f"annual {SITE}", TARGETS["annual_s"]),
            ("national", "national", TARGETS["national_s"]),
        ):
            verdict = f" ({_check(pg[key + '_s'], limit)})" if pg else ""
            row(
                f"{report}: report s ({figures[0][key + '_contacts']:,} contacts,"
                f" {figures[0][key + '_queries']} queries)",
                [f"{f[key + '_s']:.3f}" for f in figures],
                f"< {limit:g} s on PostgreSQL{verdict}",
            )
            row(
                f"{report}: core-counts SQL s (1 statement)",
                [f"{f[key + '_core_s']:.3f}" for f in figures],
            )
            ratios = [f[key + "_s"] / f[key + "_core_s"] for f in figures]
            row(
                f"{report}: report / core-counts SQL  <- 3x target",
                [f"{r:,.1f}x" for r in ratios],
                f"<= {TARGETS['ratio']:g}x ("
                + ", ".join(
                    f"{n} {'met' if r <= TARGETS['ratio'] else 'NOT met'}"
                    for n, r in zip(names, ratios, strict=True)
                )
                + ")",
            )
            row(
                f"{report}: narrow SQL s (3 counts)",
                [f"{f[key + '_narrow_s']:.4f}" for f in figures],
            )
            row(
                f"{report}: report / narrow SQL (for reference)",
                [_ratio(f[key + "_s"], f[key + "_narrow_s"]) for f in figures],
                "not the target's yardstick",
            )
        for name, f in zip(names, figures, strict=True):
            if f["mismatches"]:
                lines.append(f"!! {name}: figures differ from the hand-written SQL:")
                lines.extend(f"!!   {m}" for m in f["mismatches"])
            else:
                lines.append(f"   {name}: every core figure equals the hand-written SQL's")
    lines.append("-- slowest report queries after ANALYZE (one instrumented run)")
    for name in names:
        analyzed = results[name]["import"]["analyzed"]
        for key in ("annual", "national"):
            for entry in analyzed[key + "_breakdown"][:4]:
                lines.append(
                    f"   {name:<11} {key:<9} {entry['s'] * 1000:8.1f} ms  {entry['where']}"
                )
    header = [
        f"Frirum benchmarks, scale {scale:g}: "
        + ", ".join(f"{name.removesuffix('.csv')} {n:,}" for name, n in counts.items()),
        f"{platform.node()} - {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
    ]
    return "\n".join([*header, "", *lines])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Frirum import and report benchmarks.")
    parser.add_argument("--scale", type=float, default=0.1, help="1 = the national dataset")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, help="dataset folder (generated when missing)")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds per report")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgresql", action="store_true")
    parser.add_argument(
        "--keep-postgresql",
        action="store_true",
        help="leave the imported frirum_bench database for profiling (drop it yourself)",
    )
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args(argv)

    folder, counts = dataset(args.scale, args.seed, args.data)
    results: dict[str, dict] = {}

    def save() -> None:
        if args.json:
            args.json.write_text(json.dumps({"counts": counts, "results": results}, indent=2))

    started = time.monotonic()
    if not args.skip_sqlite:
        results["SQLite"] = run_backend(
            "SQLite", folder, lambda _name: sqlite_database(), args.repeat
        )
        save()
    url = None if args.skip_postgresql else postgresql_url()
    if url:
        results["PostgreSQL"] = run_backend(
            "PostgreSQL",
            folder,
            lambda name: postgresql_database(
                url, name, keep=args.keep_postgresql and name == "frirum_bench"
            ),
            args.repeat,
        )
        save()
    elif not args.skip_postgresql:
        print("PostgreSQL: none reachable (set DATABASE_URL); skipped.", file=sys.stderr)
    if not results:
        parser.error("nothing to run")
    print(f"ran in {time.monotonic() - started:.0f} s", file=sys.stderr)
    print(table(results, counts, args.scale, args.repeat))
    # The yardsticks are only worth their ratios if they count what the report counts.
    for name, result in results.items():
        for state in ("fresh", "analyzed"):
            if result["import"][state]["mismatches"]:
                raise SystemExit(f"{name}: the report and the hand-written SQL disagree ({state})")


if __name__ == "__main__":
    main()
