"""The web under load: `frirum serve` (DEBUG=False, its default workers) on PostgreSQL with
the demo, and a load generator on this machine at 1, 10 and 50 users, for the counsellor's
dashboard, the registration POST, the young person's questionnaire page and a cached report
page, each beside a static file from the same server in the same run. Then the successful
registration POSTs are counted against the rows that exist (zero lost writes).

    python -m benchmarks.web [--levels 1,10,50] [--seconds 10] [--scale 1] [--workers N]
                             [--cache redis|database]

Reuse a loaded database instead (e.g. the national benchmark dataset plus logins):
    python -m benchmarks.web --database-url postgresql://.../frirum_bench --site hs-x \
        --counsellor a@x --chief b@x --password ...

The workspace pages of issue 12 at full scale (benchmarks/web_workspace.py), on the benchmark
dataset generated with `--last-day` today and imported into DB; logins at S101 and F101 are
made when missing, with --password:
    python -m benchmarks.web --pages workspace --database-url postgresql://.../DB \
        --password ... [--site S101] [--family-site F101] [--youth 20] [--seconds 10]
On a server running without autovacuum the run does its ANALYZE between measurements, as
autovacuum would (web_workspace.autovacuum_stand_in), and says so.

--server-env KEY=VALUE (repeatable) sets the server's environment, e.g.
FRIRUM_SITE_CACHE_SECONDS=0 to measure the workspace pages rendered on every request.
"""

import argparse
import datetime as dt
import json
import os
import secrets
import sys
from contextlib import ExitStack

import redis

from benchmarks.loadgen import Request, form_body, run_load
from tests.production.http import parse
from tests.production.pages import login
from tests.production.stack import (
    DEMO_PASSWORD,
    Server,
    Stack,
    fresh_postgres_database,
    postgres_url,
    run,
)

NICKNAME = "Belastning"
TARGET_RATIO = 10
DEMO_LOGINS = {
    "site": "hs-ballerup",
    "counsellor": "raadgiver1.ballerup@demo.frirum.example",
    "chief": "chef.ballerup@demo.frirum.example",
}
WORKSPACE_LOGINS = {
    "site": "S101",
    "counsellor": "raadgiver.s101@bench.frirum.example",
    "chief": "chef.s101@bench.frirum.example",
    "family_counsellor": "raadgiver.f101@bench.frirum.example",
}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="1,10,50")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--scale", default="1", help="demo scale (a fresh database)")
    parser.add_argument("--workers", type=int, default=None, help="default: frirum serve's")
    parser.add_argument(
        "--pages",
        choices=("demo", "workspace"),
        default="demo",
        help="demo: issue 8's pages on the demo; workspace: issue 12's pages on a loaded "
        "database (--database-url)",
    )
    parser.add_argument("--database-url", help="use this loaded database instead of the demo")
    parser.add_argument("--site", help="default: hs-ballerup (demo), S101 (workspace)")
    parser.add_argument("--counsellor", help="default: the demo's, or one made at --site")
    parser.add_argument("--chief", help="default: the demo's, or one made at --site")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--family-site", default="F101", help="workspace: the Family site")
    parser.add_argument("--family-counsellor", default=WORKSPACE_LOGINS["family_counsellor"])
    parser.add_argument(
        "--youth", type=int, default=20, help="workspace: young people with the longest courses"
    )
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra environment for frirum serve",
    )
    parser.add_argument(
        "--cache",
        choices=("redis", "database"),
        help="default: Redis when one answers at REDIS_URL or localhost:6379, as the "
        "operations guide sets a host up; otherwise the database",
    )
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    defaults = DEMO_LOGINS if args.pages == "demo" else WORKSPACE_LOGINS
    for key in ("site", "counsellor", "chief"):
        if getattr(args, key) is None:
            setattr(args, key, defaults[key])
    if args.pages == "workspace" and not args.database_url:
        parser.error("--pages workspace needs --database-url (the imported benchmark dataset)")
    if any("=" not in item for item in args.server_env):
        parser.error("--server-env takes KEY=VALUE")
    return args


class Session:
    """A signed-in browser's cookies and CSRF token, turned into raw requests."""

    def __init__(self, server: Server, email: str | None, password: str, second_factor=None):
        self.client = server.client()
        if email:
            login(self.client, email, password, second_factor)

    def headers(self, extra=None) -> dict:
        headers = {"X-Forwarded-Proto": "https", "Accept-Language": "da"}
        if self.client.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.client.cookies.items())
        headers.update(extra or {})
        return headers

    def get(self, path: str) -> Request:
        return Request("GET", path, self.headers())

    def post(self, path: str, body: bytes) -> Request:
        return Request(
            "POST",
            path,
            self.headers(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": self.client.origin,
                    "Referer": self.client.origin + path,
                }
            ),
            body,
        )


def registration_body(session: Session, site: str, youth_code: str | None = None) -> bytes:
    """A new young person's first conversation, or one more in `youth_code`'s course."""
    page = session.client.get(f"/s/{site}/contacts/new/")
    form = next(f for f in parse(page.text).forms if "themes" in f.choices)
    youth = (
        {"youth_mode": "existing", "youth": youth_code}
        if youth_code
        else {"youth_mode": "new", "new_nickname": NICKNAME, "new_gender": "female"}
    )
    overrides = {
        "date": dt.date.today().isoformat(),
        "time": "10:00",
        "kind": "counselling",
        "channel": "in_person",
        **youth,
        "age": "17",
        "education_status": "in_education",
        "dropout_risk": "low",
        "duration_minutes": "45",
        "themes": form.choices["themes"][0],
        "action": "save",
    }
    fields = [(k, v) for k, v in form.fields if k not in overrides] + list(overrides.items())
    return form_body(fields)


def count_rows(env: dict, site: str) -> int:
    script = (
        "from frirum.contacts.models import Contact; "
        f"print(Contact.objects.filter(site__code='{site}', youth__nickname='{NICKNAME}').count())"
    )
    return int(run(env, "shell", "-c", script).stdout.strip().splitlines()[-1])


def measure(server: Server, args, env: dict, second_factor=None) -> dict:
    levels = [int(level) for level in args.levels.split(",")]
    users = max(levels)
    counsellors = [
        Session(server, args.counsellor, args.password, second_factor) for _ in range(users)
    ]
    chief = Session(server, args.chief, args.password, second_factor)
    anonymous = Session(server, None, "")
    bodies = [registration_body(s, args.site) for s in counsellors]
    year = dt.date.today().year - 1
    report = f"/reports/annual/{args.site}/?year={year}"
    assert chief.client.get(report).status == 200  # warms the report cache
    dashboard_page = counsellors[0].client.get(f"/s/{args.site}/dashboard/")
    static = sorted(a for a in parse(dashboard_page.text).assets if a.endswith(".css"))[-1]
    pages = {
        "static file": lambda i: anonymous.get(static),
        "counsellor dashboard": lambda i: counsellors[i].get(f"/s/{args.site}/dashboard/"),
        "registration POST": lambda i: counsellors[i].post(
            f"/s/{args.site}/contacts/new/", bodies[i]
        ),
        "questionnaire page": lambda i: anonymous.get("/q/"),
        "cached report page": lambda i: chief.get(report),
    }
    before = count_rows(env, args.site)
    results = load_levels(server, pages, levels, args.seconds)
    written = count_rows(env, args.site) - before
    return {"levels": levels, "results": results, "posted": posted(results), "written": written}


def load_levels(
    server: Server, pages: dict, levels: list[int], seconds: float, before=None
) -> dict:
    """Each page at each level in turn: results under "<page> @<users>". `before()`, when
    given, runs before each measurement, off the clock."""
    results: dict[str, dict] = {}
    width = max(22, *(len(name) for name in pages))
    for level in levels:
        for name, make in pages.items():
            if before is not None:
                before()
            result = run_load("127.0.0.1", server.port, make, users=level, seconds=seconds)
            summary = results[f"{name} @{level}"] = result.summary()
            print(
                f"{name:{width}} {level:>3} users: p50 {summary['p50']:7.1f}  "
                f"p95 {summary['p95']:7.1f}  p99 {summary['p99']:7.1f} ms  "
                f"{summary['rps']:7.1f} req/s  errors {summary['errors']}  "
                f"statuses {summary['statuses']}",
                flush=True,
            )
    return results


def posted(results: dict) -> int:
    """Registration POSTs the server answered with its redirect (saved)."""
    return sum(
        result["statuses"].get(302, 0)
        for key, result in results.items()
        if key.startswith("registration POST")
    )


def report(figures: dict) -> None:
    print("\n| page | users | p50 ms | p95 ms | p99 ms | req/s | p95 / static p95 | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for level in figures["levels"]:
        static = figures["results"][f"static file @{level}"]
        for key, result in figures["results"].items():
            name, _, users = key.rpartition(" @")
            if int(users) != level:
                continue
            ratio = result["p95"] / static["p95"] if static["p95"] else float("nan")
            print(
                f"| {name} | {level} | {result['p50']:.1f} | {result['p95']:.1f} | "
                f"{result['p99']:.1f} | {result['rps']:.1f} | {ratio:.1f}x | {result['errors']} |"
            )
    top = max(figures["levels"])
    static_p95 = figures["results"][f"static file @{top}"]["p95"]
    for name in ("counsellor dashboard", "registration POST"):
        ratio = figures["results"][f"{name} @{top}"]["p95"] / static_p95
        verdict = "meets" if ratio < TARGET_RATIO else "MISSES"
        print(f"{name}: p95 at {top} users is {ratio:.1f}x the static file's ({verdict} <10x)")
    lost = figures["posted"] - figures["written"]
    print(
        f"registration POSTs answered 302: {figures['posted']}, rows written: "
        f"{figures['written']}, lost: {lost}"
    )


def cache_env(choice: str | None, stack_context: ExitStack) -> dict:
    """The server's cache settings: a Redis key prefix of this run's own, emptied after."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    if choice is None:
        try:
            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
            choice = "redis"
        except redis.RedisError:
            choice = "database"
    if choice == "database":
        return {"FRIRUM_CACHE": "database"}
    prefix = f"frirum-bench-{secrets.token_hex(4)}"

    def empty() -> None:
        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)

    stack_context.callback(empty)
    return {"REDIS_URL": url, "FRIRUM_CACHE": "redis", "FRIRUM_CACHE_PREFIX": prefix}


def main(argv=None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    with ExitStack() as stack_context:
        if args.database_url:
            stack = Stack(args.database_url, demo_scale=None, FRIRUM_REQUIRE_2FA="False")
        else:
            server_url = postgres_url()
            if not server_url:
                print("benchmarks.web needs PostgreSQL (DATABASE_URL or localhost:5432).")
                return 2
            url = stack_context.enter_context(fresh_postgres_database(server_url, "web_bench"))
            # The benchmark measures pages, not sign-in: 50 sessions of one account can't
            # each take a one-time code, so two-factor is off for its own demo server.
            stack = Stack(
                url, demo_scale=args.scale, enrol_second_factor=False, FRIRUM_REQUIRE_2FA="False"
            )
        stack_context.callback(stack.close)
        extra = {"FRIRUM_WORKERS": str(args.workers)} if args.workers else {}
        extra.update(cache_env(args.cache, stack_context))
        extra.update(item.split("=", 1) for item in args.server_env)
        if args.pages == "workspace":
            from benchmarks import web_workspace

            # Before the server starts: it caches nothing of the logins made here.
            info = web_workspace.setup(stack.env, args)
            print(web_workspace.describe(info, args.site), flush=True)
        server = stack.start_server(workers=None, **extra)
        print(
            f"frirum serve on port {server.port}: {server.workers} workers, "
            f"cache: {extra['FRIRUM_CACHE']}" + "".join(f", {item}" for item in args.server_env),
            flush=True,
        )
        if args.pages == "workspace":
            figures = web_workspace.measure(server, args, stack.env, info)
        else:
            figures = measure(server, args, stack.env)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(figures, out, indent=1)
    if args.pages == "workspace":
        return 0 if web_workspace.report(figures) else 1
    report(figures)
    return 0 if figures["posted"] == figures["written"] else 1


if __name__ == "__main__":
    sys.exit(main())
