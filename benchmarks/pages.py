"""Time the workspace pages of the largest centre and EXPLAIN ANALYZE every query they send.

    DEBUG=False SECRET_KEY=... ALLOWED_HOSTS=testserver \\
    DATABASE_URL=postgresql://.../frirum_bench python -m benchmarks.pages \\
        [--site S101] [--family-site F101] [--day 2025-12-10] [--repeat 7]

On a database with the benchmark dataset imported (`python -m benchmarks.generate`, then
`frirum import`). Pages are requested in-process (Django's test client: no server, no
network) as a counsellor, a chief and a Family counsellor of those sites, made on the first
run. "Today" is --day, inside the dataset's ten years. Per page: the number of queries, the
request's median wall time over --repeat runs, and from one more run the sum of the queries'
EXPLAIN ANALYZE times (planning + execution, JIT included), the slowest query and the largest
row estimate of any plan step. The registration POST is rolled back after each run.
"""

import argparse
import datetime as dt
import json
import os
import statistics
import time
from unittest import mock

# As in tests/long_history.py: a LIMIT caps the rows of the steps that stream into it.
STREAMING = {"Limit", "Index Scan", "Index Only Scan", "Nested Loop", "Subquery Scan", "Result",
             "Incremental Sort", "Memoize", "Unique", "Gather", "Gather Merge", "Append",
             "Merge Append"}  # fmt: skip


def _plan_rows(node: dict, cap: float = float("inf")) -> float:
    rows = node.get("Plan Rows", 0)
    if node.get("Node Type") == "Limit":
        cap = min(cap, rows)
    child_cap = cap if node.get("Node Type") in STREAMING else float("inf")
    return max([min(rows, cap)] + [_plan_rows(c, child_cap) for c in node.get("Plans", ())])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", default="S101")
    parser.add_argument("--family-site", default="F101")
    parser.add_argument("--day", type=dt.date.fromisoformat, default=dt.date(2025, 12, 10))
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frirum.settings")
    import django

    django.setup()
    from django.conf import settings

    # Pages only, no static files: plain URLs, no collected manifest needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from frirum.accounts.models import Membership, Role, User
    from frirum.contacts.models import Contact
    from frirum.sites.models import Site
    from frirum.taxonomies.models import Term, Vocabulary

    fake_now = dt.datetime.combine(args.day, dt.time(13, 0), tzinfo=dt.UTC)
    patch = mock.patch("django.utils.timezone.now", return_value=fake_now)
    patch.start()

    site = Site.objects.get(code=args.site)
    family_site = Site.objects.get(code=args.family_site)

    def member(email: str, at: Site, role: str) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, "benchmark pages", full_name=email)
        Membership.objects.get_or_create(user=user, site=at, defaults={"role": role})
        return user

    counsellor = member("bench.counsellor@example.org", site, Role.EMPLOYED_COUNSELLOR)
    chief = member("bench.chief@example.org", site, Role.CENTRE_CHIEF)
    family = member("bench.family@example.org", family_site, Role.EMPLOYED_COUNSELLOR)
    long_course = (
        Contact.objects.filter(site=site)
        .values("youth__code")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("youth__code", flat=True)
        .first()
    )
    anxiety = Term.objects.get(vocabulary=Vocabulary.YOUTH_THEME, code="anxiety")
    post = {
        "site": str(site.pk),
        "date": f"{args.day:%Y-%m-%d}",
        "time": "14:30",
        "kind": "counselling",
        "channel": "in_person",
        "youth_mode": "existing",
        "youth": long_course,
        "counsellors": [str(counsellor.pk)],
        "age": "16",
        "education_status": "in_education",
        "dropout_risk": "low",
        "duration_minutes": "45",
        "themes": [str(anxiety.pk)],
        "action": "save",
    }
    s, f = site.code, family_site.code
    pages = [
        (counsellor, "get", f"/s/{s}/dashboard/", None, 200),
        (counsellor, "get", f"/s/{s}/youth/search/?youth_q=Y00012", None, 200),
        (counsellor, "get", f"/s/{s}/youth/search/?youth_q=4567", None, 200),
        (counsellor, "get", f"/s/{s}/youth/search/?youth_q=ab", None, 200),
        (counsellor, "get", f"/s/{s}/youth/?q=Y00012", None, 200),
        (counsellor, "get", f"/s/{s}/youth/", None, 200),
        (counsellor, "get", f"/s/{s}/contacts/", None, 200),
        (counsellor, "get", f"/s/{s}/youth/{long_course}/", None, 200),
        (counsellor, "get", f"/s/{s}/contacts/new/", None, 200),
        (counsellor, "post", f"/s/{s}/contacts/new/", post, 302),
        (chief, "get", f"/s/{s}/log/", None, 200),
        (chief, "get", f"/s/{s}/team/", None, 200),
        (family, "get", f"/s/{f}/family/", None, 200),
        (family, "get", f"/s/{f}/family/conversations/", None, 200),
        (family, "get", f"/s/{f}/family/relatives/", None, 200),
        (family, "get", f"/s/{f}/family/groups/", None, 200),
        (family, "get", f"/s/{f}/family/inquiries/", None, 200),
    ]
    clients = {}

    def request(user, method, url, data, status):
        client = clients.get(user.pk)
        if client is None:
            client = clients[user.pk] = Client()
            client.force_login(user)
        with transaction.atomic():
            response = getattr(client, method)(url, data or {}, secure=True)
            transaction.set_rollback(True)
        if response.status_code != status:
            raise SystemExit(f"{method.upper()} {url}: {response.status_code}, expected {status}")

    print(f"# {site.code} on {args.day} ({connection.vendor}), median of {args.repeat}\n")
    print(
        "| page | queries | request ms | SQL ms (EXPLAIN ANALYZE) | slowest query ms | JIT ms "
        "| largest row estimate |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for user, method, url, data, status in pages:
        request(user, method, url, data, status)  # warm
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            request(user, method, url, data, status)
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            request(user, method, url, data, status)
        total = slowest = jit = rows = 0.0
        selects = 0
        with connection.cursor() as cursor:
            for query in ctx.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                selects += 1
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
                plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]
                ms = plan.get("Planning Time", 0) + plan.get("Execution Time", 0)
                total += ms
                slowest = max(slowest, ms)
                jit += plan.get("JIT", {}).get("Timing", {}).get("Total", 0)
                rows = max(rows, _plan_rows(plan["Plan"]))
        label = f"{method.upper()} {url}".replace("|", "\\|")
        print(
            f"| {label} | {len(ctx.captured_queries)} | {statistics.median(times):.0f} "
            f"| {total:.1f} | {slowest:.1f} | {jit:.0f} | {rows:,.0f} |"
        )
    patch.stop()


if __name__ == "__main__":
    main()
