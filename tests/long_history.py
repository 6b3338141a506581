"""A site with ten years of history, and plan checks for the pages that must not feel it.

A page is bounded when it issues as many queries at a site with ten years of conversations as
at a new one, and when (on PostgreSQL) no step of any of its query plans expects more rows
than the page's window holds. Row estimates under a LIMIT count only what the LIMIT lets
through a streaming step (an index scan read backwards stops at the page's end); a sort or an
aggregate below it reads everything first, so the cap stops there.
"""

import datetime as dt
import json
import math
import random

from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.contacts.models import Contact
from frirum.people.models import Youth
from frirum.taxonomies.models import Term, Vocabulary

YEARS = 10
HISTORY_CONTACTS = 4000
HISTORY_YOUTH = 1200
# The rest of the network's young people: a national table dwarfs one site's, which is what
# makes the planner look them up by id rather than read them all.
NETWORK_YOUTH = 15000
# And the rest of the network's conversations, at another site (with their counsellors).
NETWORK_CONTACTS = 16000
TODAY_CONTACTS = 200
# No plan step of a bounded page may expect more rows than this: well above a page, today
# and the open-course window (about 300 rows here), well below the history (4,000).
MAX_PLAN_ROWS = 1000

# Plan steps that pass rows on as they read them: a LIMIT above them caps what they read.
STREAMING = {
    "Limit",
    "Index Scan",
    "Index Only Scan",
    "Nested Loop",
    "Subquery Scan",
    "Result",
    "Incremental Sort",
    "Memoize",
    "Unique",
    "Gather",
    "Gather Merge",
    "Merge Append",
    "Append",
}


def build_history(
    site, *, today: dt.date, counsellor, network_site=None, seed: int = 12
) -> list[Youth]:
    """Ten years of conversations at the site and a busy today, and (with network_site) the
    rest of the network's ten years there; returns the site's young people."""
    rng = random.Random(seed)
    youth = Youth.objects.bulk_create(
        Youth(nickname=f"Gammel {i}", gender="female", registered_at_site=site if i % 2 else None)
        for i in range(HISTORY_YOUTH)
    )
    network_youth = Youth.objects.bulk_create(
        (Youth(code=f"Y{i:07d}", gender="unknown") for i in range(NETWORK_YOUTH)), batch_size=5000
    )
    contacts = [
        Contact(
            site=site,
            youth=rng.choice(youth),
            date=today - dt.timedelta(days=rng.randrange(1, 365 * YEARS)),
            channel="in_person",
        )
        for _ in range(HISTORY_CONTACTS)
    ]
    contacts += [
        Contact(
            site=site,
            youth=youth[i % len(youth)],
            date=today,
            time=dt.time(8 + i % 10, i % 60),
            channel="in_person",
        )
        for i in range(TODAY_CONTACTS)
    ]
    if network_site is not None:
        contacts += [
            Contact(
                site=network_site,
                youth=rng.choice(network_youth),
                date=today - dt.timedelta(days=rng.randrange(0, 365 * YEARS)),
                channel="chat",
            )
            for _ in range(NETWORK_CONTACTS)
        ]
    contacts = Contact.objects.bulk_create(contacts, batch_size=5000)
    theme = Term.objects.filter(vocabulary=Vocabulary.YOUTH_THEME).first()
    Contact.counsellors.through.objects.bulk_create(
        (Contact.counsellors.through(contact=c, user=counsellor) for c in contacts),
        batch_size=5000,
    )
    Contact.themes.through.objects.bulk_create(
        (Contact.themes.through(contact=c, term=theme) for c in contacts), batch_size=5000
    )
    return youth


def analyze() -> None:
    """Fresh planner statistics, as autovacuum would have them on a real server."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def capture(client, method: str, url: str, data=None) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data or {})
    return response, [query["sql"] for query in ctx.captured_queries]


def _largest_rows(node: dict, cap: float = math.inf) -> float:
    rows = node.get("Plan Rows", 0)
    kind = node.get("Node Type", "")
    if kind == "Limit":
        cap = min(cap, rows)
    child_cap = cap if kind in STREAMING else math.inf
    largest = min(rows, cap)
    for child in node.get("Plans", ()):
        largest = max(largest, _largest_rows(child, child_cap))
    return largest


def largest_plan_rows(sqls: list[str]) -> tuple[float, str]:
    """The most rows any step of any of the SELECTs expects, and that SELECT (PostgreSQL)."""
    worst, worst_sql = 0.0, ""
    with connection.cursor() as cursor:
        for sql in sqls:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            if isinstance(plan, str):
                plan = json.loads(plan)
            rows = _largest_rows(plan[0]["Plan"])
            if rows > worst:
                worst, worst_sql = rows, sql
    return worst, worst_sql


def full_scans(sqls: list[str], tables: tuple[str, ...]) -> list[str]:
    """SQLite: the plan lines that read one of the tables whole: SCAN, with or without an
    index (a SEARCH reads a range of an index)."""
    found = []
    with connection.cursor() as cursor:
        for sql in sqls:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            for row in cursor.fetchall():
                detail = row[-1]
                for table in tables:
                    if detail == f"SCAN {table}" or detail.startswith(f"SCAN {table} "):
                        found.append(f"{detail}  <-  {sql[:300]}")
    return found
