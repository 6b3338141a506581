"""Run the benchmarks and print a table: import rate, report times and their yardsticks.

    python -m benchmarks [--scale 0.1] [--skip-postgresql] [--data DIR]

Generates the dataset once per scale and seed (under benchmarks/out/), then on SQLite and on
PostgreSQL (when reachable: DATABASE_URL, or postgres on localhost) runs each step in its own
process against a fresh database: `frirum import` and the plain-insert baseline, then the
annual report of the largest centre and the national report for the last year of the data,
each against a hand-written single SQL query over the same contacts.
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
    "ratio": 3.0,  # report time / hand-written query time
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
def postgresql_database(url: str, name: str):
    """A fresh database on the server at url, dropped afterwards."""
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
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def run_backend(name: str, folder: Path, databases) -> dict:
    args = [str(folder), "--site", SITE, "--year", str(YEAR)]
    with databases("frirum_bench") as env:
        print(f"{name}: frirum import ...", file=sys.stderr)
        imported = _worker(["import", *args], env)
    with databases("frirum_bench_baseline") as env:
        print(f"{name}: plain inserts ...", file=sys.stderr)
        baseline = _worker(["baseline", str(folder)], env)
    return {"import": imported, "baseline": baseline}


def _ratio(a: float, b: float) -> str:
    return f"{a / b:,.1f}x" if b else "-"


def table(results: dict[str, dict], counts: dict, scale: float) -> str:
    names = list(results)
    lines = []

    def row(label: str, values: list[str], target: str = "") -> None:
        lines.append(f"{label:<52}" + "".join(f"{v:>16}" for v in values) + f"   {target}")

    row("", names, "target")
    for name in names:
        r = results[name]
        if r["import"]["rows"] != r["baseline"]["rows"]:
            lines.append(f"!! {name}: import and baseline loaded different row counts")
    row(
        "import: rows",
        [f"{results[n]['import']['rows']:,}" for n in names],
    )
    row("import: seconds", [f"{results[n]['import']['seconds']:,.1f}" for n in names])
    row(
        "import: rows/s",
        [f"{results[n]['import']['rows'] / results[n]['import']['seconds']:,.0f}" for n in names],
    )
    row(
        "plain inserts: rows/s",
        [
            f"{results[n]['baseline']['rows'] / results[n]['baseline']['seconds']:,.0f}"
            for n in names
        ],
    )
    row(
        "import time / plain inserts time",
        [_ratio(results[n]["import"]["seconds"], results[n]["baseline"]["seconds"]) for n in names],
    )
    for state, label in (("fresh", "right after import"), ("analyzed", "after ANALYZE")):
        lines.append(f"-- reports {YEAR}, median of 3, {label}")
        for key, report, target in (
            ("annual", f"annual {SITE}", TARGETS["annual_s"]),
            ("national", "national", TARGETS["national_s"]),
        ):
            figures = [results[n]["import"][state] for n in names]
            row(
                f"{report}: seconds ({figures[0][key + '_contacts']:,} contacts,"
                f" {figures[0][key + '_queries']} queries)",
                [f"{f[key + '_s']:.3f}" for f in figures],
                f"< {target} s on PostgreSQL",
            )
            row(
                f"{report}: hand-written SQL seconds", [f"{f[key + '_sql_s']:.4f}" for f in figures]
            )
            row(
                f"{report}: report / hand-written SQL",
                [_ratio(f[key + "_s"], f[key + "_sql_s"]) for f in figures],
                f"<= {TARGETS['ratio']:g}x",
            )
            for f in figures:
                for mismatch in f["mismatches"]:
                    lines.append(f"!! figures differ from the hand-written query: {mismatch}")
    header = [
        f"Frirum benchmarks, scale {scale:g}: "
        + ", ".join(f"{name.removesuffix('.csv')} {n:,}" for name, n in counts.items()),
        f"{platform.node()} - {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}",
    ]
    return "\n".join([*header, "", *lines])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Frirum import and report benchmarks.")
    parser.add_argument("--scale", type=float, default=0.1, help="1 = the national dataset")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, help="dataset folder (generated when missing)")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgresql", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args(argv)

    folder, counts = dataset(args.scale, args.seed, args.data)
    results: dict[str, dict] = {}
    if not args.skip_sqlite:
        results["SQLite"] = run_backend("SQLite", folder, lambda _name: sqlite_database())
    url = None if args.skip_postgresql else postgresql_url()
    if url:
        results["PostgreSQL"] = run_backend(
            "PostgreSQL", folder, lambda name: postgresql_database(url, name)
        )
    elif not args.skip_postgresql:
        print("PostgreSQL: none reachable (set DATABASE_URL); skipped.", file=sys.stderr)
    if not results:
        parser.error("nothing to run")
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, "results": results}, indent=2))
    print(table(results, counts, args.scale))


if __name__ == "__main__":
    main()
