"""The workspace pages of issue 12 under load at full scale, for `benchmarks.web --pages
workspace`: the counsellor's dashboard, the young-person search, the contact and young-person
lists, a young person's course, the registration form and its POST at the largest centre;
the Family dashboard and lists at the Family site; the chief's team page and site log.

The database is the benchmark dataset imported with `frirum import` (generated with
`--last-day` today, so the dashboard's day, week and 56-day windows hold data). Logins are
made on first use as the demo makes its own: a counsellor and a chief of the centre and a
counsellor of the Family site. Young people for the course page, the search and half of the
registrations are those with the longest histories at the centre; the other half of the
registrations creates a new young person. Writes are counted from the contacts created at
the centre since the run started.
"""

import datetime as dt
import itertools
import json
import os

from benchmarks.web import Session, load_levels, posted, registration_body
from tests.production.http import parse
from tests.production.stack import run

TARGET_MS_AT_ONE_USER = 100
TARGET_RATIO = 10

# Run by `frirum shell` against the server's database; parameters come in BENCH_PARAMS.
SETUP = """
import json, os
from django.db import connection
from django.db.models import Count
from frirum.accounts.models import Membership, Role, User
from frirum.contacts.models import Contact
from frirum.sites.models import Site

p = json.loads(os.environ["BENCH_PARAMS"])
if connection.vendor == "postgresql":
    # Statistics as autovacuum keeps them in production. A server running without it would
    # plan this run's queries from the tables as the import left them, before the earlier
    # runs' registrations and their audit entries (a site's version read 14,000 entries).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
site = Site.objects.get(code=p["site"])
family_site = Site.objects.get(code=p["family_site"])
made = []
for email, at, role, name in (
    (p["counsellor"], site, Role.EMPLOYED_COUNSELLOR, "Benchmark Counsellor"),
    (p["chief"], site, Role.CENTRE_CHIEF, "Benchmark Chief"),
    (p["family_counsellor"], family_site, Role.EMPLOYED_COUNSELLOR, "Benchmark Family"),
):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, p["password"], full_name=name)
        made.append(email)
    Membership.objects.get_or_create(user=user, site=at, defaults={"role": role})
youth = list(
    Contact.objects.filter(site=site, youth__isnull=False)
    .values("youth__code")
    .annotate(n=Count("id"))
    .order_by("-n", "youth__code")
    .values_list("youth__code", "n")[: p["youth"]]
)
with connection.cursor() as cursor:
    cursor.execute("SELECT now()")
    now = cursor.fetchone()[0]
print("SETUP " + json.dumps({
    "made": made,
    "youth": youth,
    "site_contacts": Contact.objects.filter(site=site).count(),
    "since": now.isoformat(),
}))
"""

COUNT = """
import datetime as dt, json, os
from frirum.contacts.models import Contact

p = json.loads(os.environ["BENCH_PARAMS"])
since = dt.datetime.fromisoformat(p["since"])
print(Contact.objects.filter(site__code=p["site"], created_at__gte=since).count())
"""


def _shell(env: dict, script: str, params: dict) -> str:
    # Parameters through the environment: the password stays out of the process list.
    return run({**env, "BENCH_PARAMS": json.dumps(params)}, "shell", "-c", script).stdout


def setup(env: dict, args) -> dict:
    params = {
        "site": args.site,
        "family_site": args.family_site,
        "counsellor": args.counsellor,
        "chief": args.chief,
        "family_counsellor": args.family_counsellor,
        "password": args.password,
        "youth": args.youth,
    }
    out = _shell(env, SETUP, params)
    line = next(x for x in out.splitlines() if x.startswith("SETUP "))
    info = json.loads(line.removeprefix("SETUP "))
    if not info["youth"]:
        raise SystemExit(f"no young people with conversations at {args.site}")
    return info


def written_since(env: dict, site: str, since: str) -> int:
    return int(_shell(env, COUNT, {"site": site, "since": since}).strip().splitlines()[-1])


def _rotate(values):
    """Successive values for successive requests, shared by all users."""
    cycle = itertools.cycle(values)
    return lambda: next(cycle)


def pages(server, args, info: dict, users: int) -> dict:
    """name -> (make_request(user_index), the status the page answers with)."""
    sessions = min(users, 10)  # reads share sign-ins: a session costs the same for one or many
    counsellors = [Session(server, args.counsellor, args.password) for _ in range(users)]
    chiefs = [Session(server, args.chief, args.password) for _ in range(sessions)]
    family = [Session(server, args.family_counsellor, args.password) for _ in range(sessions)]
    anonymous = Session(server, None, "")
    s, f = args.site, args.family_site
    codes = [code for code, _n in info["youth"]]
    # Half of the registrations add a conversation to a long course, half a new young person.
    bodies = [
        registration_body(c, s, youth_code=None if i % 2 == 0 else codes[i % len(codes)])
        for i, c in enumerate(counsellors)
    ]
    course = _rotate(codes)
    # Searches as typed: a whole code, or its last five characters.
    search = _rotate([q for code in codes for q in (code, code[-5:])])
    dashboard = counsellors[0].client.get(f"/s/{s}/dashboard/")
    assert dashboard.status == 200, f"dashboard: {dashboard.status}"
    static = sorted(a for a in parse(dashboard.text).assets if a.endswith(".css"))[-1]

    def counsellor(path):
        return lambda i: counsellors[i].get(path() if callable(path) else path)

    def chief(path):
        return lambda i: chiefs[i % sessions].get(path)

    def family_page(path):
        return lambda i: family[i % sessions].get(path)

    table = {
        "static file": (lambda i: anonymous.get(static), 200),
        "dashboard": (counsellor(f"/s/{s}/dashboard/"), 200),
        "young-person search": (
            counsellor(lambda: f"/s/{s}/youth/search/?youth_q={search()}"),
            200,
        ),
        "contact list": (counsellor(f"/s/{s}/contacts/"), 200),
        "young-person list": (counsellor(f"/s/{s}/youth/"), 200),
        "young person's course": (counsellor(lambda: f"/s/{s}/youth/{course()}/"), 200),
        "registration form": (counsellor(f"/s/{s}/contacts/new/"), 200),
        "registration POST": (
            lambda i: counsellors[i].post(f"/s/{s}/contacts/new/", bodies[i]),
            302,
        ),
        "Family dashboard": (family_page(f"/s/{f}/family/"), 200),
        "Family conversations": (family_page(f"/s/{f}/family/conversations/"), 200),
        "Family relatives": (family_page(f"/s/{f}/family/relatives/"), 200),
        "Family groups": (family_page(f"/s/{f}/family/groups/"), 200),
        "Family inquiries": (family_page(f"/s/{f}/family/inquiries/"), 200),
        "chief: team": (chief(f"/s/{s}/team/"), 200),
        "chief: site log": (chief(f"/s/{s}/log/"), 200),
    }
    # One untimed request of each read: a wrong role or a missing page stops the run here,
    # and every worker's first-use costs are not charged to the first level.
    for name, (make, status) in table.items():
        if status == 200:
            request = make(0)
            answer = server.client().request(request.method, request.path, None, request.headers)
            if answer.status != status:
                raise SystemExit(f"{name}: {request.path} answered {answer.status}")
    return table


# The tables autovacuum would analyse by now: more rows changed since their last ANALYZE
# than its default threshold (50 rows and a tenth of the table).
STALE_TABLES = """
SELECT s.schemaname, s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
WHERE s.n_mod_since_analyze > 50 + 0.1 * GREATEST(c.reltuples, 0)
"""


def autovacuum_stand_in(database_url: str):
    """When the server runs without autovacuum, a function that does its ANALYZE between
    measurements; otherwise None.

    The run writes thousands of registrations and their audit entries into tables the
    import left nearly empty (the audit trail starts at zero rows). Production's autovacuum
    analyses such a table again after every 50 rows and a tenth; without it the planner
    keeps believing the audit trail holds one row, and the site's version read, on every
    page, scans the site's whole trail instead of reading its index's last entry
    (2-4 ms a page by the end of a run, ten times its cost with statistics)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        if connection.execute("SHOW autovacuum").fetchone()[0] == "on":
            return None
    print(
        "autovacuum is off on this server: the run analyses the tables it has changed "
        "between measurements, at autovacuum's default threshold (frirum.W005)",
        flush=True,
    )

    def analyse() -> None:
        with psycopg.connect(database_url, autocommit=True) as connection:
            for schema, table in connection.execute(STALE_TABLES).fetchall():
                connection.execute(
                    psycopg.sql.SQL("ANALYZE {}.{}").format(
                        psycopg.sql.Identifier(schema), psycopg.sql.Identifier(table)
                    )
                )

    return analyse


def measure(server, args, env: dict, info: dict) -> dict:
    levels = [int(level) for level in args.levels.split(",")]
    table = pages(server, args, info, max(levels))
    makers = {name: make for name, (make, _status) in table.items()}
    before = autovacuum_stand_in(args.database_url)
    results = load_levels(server, makers, levels, args.seconds, before=before)
    return {
        "levels": levels,
        "expected": {name: status for name, (_make, status) in table.items()},
        "results": results,
        "posted": posted(results),
        "written": written_since(env, args.site, info["since"]),
        "setup": info,
        "workers": server.workers,
    }


def unexpected(result: dict, status: int) -> int:
    """Failed connections and answers other than the page's own status."""
    return result["errors"] + sum(n for code, n in result["statuses"].items() if code != status)


def report(figures: dict) -> bool:
    """The table and the verdicts; True when there were no errors and no lost writes."""
    results, expected = figures["results"], figures["expected"]
    levels = figures["levels"]
    print(
        "\n| page | users | p50 ms | p95 ms | p99 ms | req/s | p95 / static p95 "
        "| errors + unexpected statuses |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for level in levels:
        static = results[f"static file @{level}"]
        for name, status in expected.items():
            result = results[f"{name} @{level}"]
            ratio = result["p95"] / static["p95"] if static["p95"] else float("nan")
            print(
                f"| {name} | {level} | {result['p50']:.1f} | {result['p95']:.1f} | "
                f"{result['p99']:.1f} | {result['rps']:.1f} | {ratio:.1f}x | "
                f"{unexpected(result, status)} |"
            )
    pages = [name for name in expected if name != "static file"]
    low, top = min(levels), max(levels)
    print()
    slow = [
        f"{name} ({results[f'{name} @{low}']['p95']:.0f} ms)"
        for name in pages
        if not results[f"{name} @{low}"]["p95"] < TARGET_MS_AT_ONE_USER
    ]
    verdict = "met" if not slow else "NOT met: " + ", ".join(slow)
    print(f"p95 under {TARGET_MS_AT_ONE_USER} ms at {low} user(s), every page: {verdict}")
    static_p95 = results[f"static file @{top}"]["p95"]
    far = [
        f"{name} ({results[f'{name} @{top}']['p95'] / static_p95:.1f}x)"
        for name in pages
        if not results[f"{name} @{top}"]["p95"] < TARGET_RATIO * static_p95
    ]
    verdict = "met" if not far else "NOT met: " + ", ".join(far)
    print(
        f"p95 at {top} users under {TARGET_RATIO}x the static file's ({static_p95:.1f} ms), "
        f"every page: {verdict}"
    )
    errors = sum(
        unexpected(results[f"{name} @{level}"], status)
        for name, status in expected.items()
        for level in levels
    )
    lost = figures["posted"] - figures["written"]
    print(f"errors and unexpected statuses: {errors}")
    print(
        f"registration POSTs answered 302: {figures['posted']}, contacts written: "
        f"{figures['written']}, lost: {lost}"
    )
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return errors == 0 and lost == 0


def describe(info: dict, site: str) -> str:
    lengths = [n for _code, n in info["youth"]]
    made = ", ".join(info["made"]) or "none (they existed)"
    return (
        f"{site}: {info['site_contacts']:,} contacts; {len(lengths)} young people with the "
        f"longest courses ({min(lengths)}-{max(lengths)} conversations); logins made: {made}; "
        f"today {dt.date.today()}"
    )
