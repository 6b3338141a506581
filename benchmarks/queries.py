"""Hand-written SQL yardsticks for the annual and national reports.

Two yardsticks, each one SQL statement over the report's contacts:

- `*_narrow`: three counts (contacts, distinct young people, contacts by channel). It says
  what a minimal count over the same contacts costs; the report computes far more, so its
  ratio to this one is not what the 3x target is judged on.
- `*_core`: the core counts every annual/national figure is built from, in one statement
  (CTEs and UNION ALL): youth.personal, contacts.total, by channel, by kind,
  bridging.contacts, contacts per theme, per bridging method and destination among the
  bridged, feedback.responses, residence/gender/age band/education at each young person's
  first contact, and youth.chat_resident (annual) or youth.chat (national). The report's
  time over this one is what the 3x target is judged on. `core_as_figures` turns its counts
  into the report's figures (shares divided exactly as the report divides) and the run
  asserts they are equal.

Not in the core statement: the answers per item and value (session-rating means, helped
shares), the self-efficacy courses, outreach short contacts and instrument versions. Those
are the report's extra work beyond the core counts.
"""

import datetime as dt

from django.db import connection

from frirum.contacts.choices import Channel
from frirum.contacts.models import Contact
from frirum.people.models import Youth
from frirum.questionnaires.models import Response
from frirum.sites.models import Municipality, Site, SiteKind
from frirum.taxonomies.models import Term

UNKNOWN = "unknown"


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _bounds(year: int) -> list:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if connection.vendor == "sqlite":
        return [first.isoformat(), last.isoformat()]
    return [first, last]


# -- the narrow yardstick: three counts -------------------------------------------------------


def _narrow_sql(where: str) -> str:
    channels = ",\n".join(
        f"SUM(CASE WHEN c.channel = '{value}' THEN 1 ELSE 0 END)" for value in Channel.values
    )
    return (
        "SELECT COUNT(*), COUNT(DISTINCT c.youth_id),\n"
        f"{channels}\n"
        f"FROM {_table(Contact)} c\n"
        f"WHERE {where} AND c.date >= %s AND c.date <= %s"
    )


def _run_narrow(sql: str, params: list) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        total, youth, *by_channel = cursor.fetchone()
    return {
        "contacts": total,
        "youth": youth,
        "by_channel": {code: n for code, n in zip(Channel.values, by_channel, strict=True) if n},
    }


def annual_narrow(site: Site, year: int) -> dict:
    return _run_narrow(_narrow_sql("c.site_id = %s"), [site.id, *_bounds(year)])


def national_narrow(year: int) -> dict:
    # Table names are constants of the code; values are parameters.
    where = f"c.site_id IN (SELECT s.id FROM {_table(Site)} s WHERE s.kind <> %s)"  # noqa: S608
    return _run_narrow(_narrow_sql(where), [SiteKind.CHAT.value, *_bounds(year)])


# -- the core yardstick: every core count in one statement -----------------------------------

AGE_BAND = """CASE
    WHEN c.age IS NULL THEN 'unknown'
    WHEN c.age <= 11 THEN '<12'
    WHEN c.age <= 14 THEN '12-14'
    WHEN c.age <= 16 THEN '15-16'
    WHEN c.age <= 18 THEN '17-18'
    WHEN c.age <= 20 THEN '19-20'
    WHEN c.age <= 23 THEN '21-23'
    WHEN c.age <= 25 THEN '24-25'
    ELSE '>25' END"""

TERM_LISTS = (
    ("themes", Contact.themes, ""),
    ("bridging.methods", Contact.bridging_methods, "WHERE c.bridged"),
    ("bridging.destinations", Contact.bridging_destinations, "WHERE c.bridged"),
)


def _core_sql(scope: str, chat: str) -> str:
    """One statement: rows of (figure, key, count). `scope` filters the report's contacts
    (alias c), `chat` is the branch counting the chat's young people."""
    # "Smallest code" is code-point order: PostgreSQL needs the "C" collation, SQLite's
    # default BINARY already is.
    collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
    contact, youth, municipality = _table(Contact), _table(Youth), _table(Municipality)
    # Identifiers and code lists are constants of the code; every value is a parameter.
    terms = "\n".join(
        f"UNION ALL SELECT '{figure}', t.code, COUNT(*) FROM c"  # noqa: S608
        f" JOIN {_table(relation.through)} x ON x.contact_id = c.id"
        f" JOIN {_table(Term)} t ON t.id = x.term_id {where} GROUP BY t.code"
        for figure, relation, where in TERM_LISTS
    )
    return f"""
WITH c AS (
    SELECT c.id, c.code, c.youth_id, c.date, c.kind, c.channel, c.age,
           c.education_status, c.bridged
    FROM {contact} c
    WHERE {scope} AND c.date >= %s AND c.date <= %s
),
ranked AS (
    SELECT c.youth_id, {AGE_BAND} AS band, c.education_status,
           ROW_NUMBER() OVER (PARTITION BY c.youth_id ORDER BY c.date, c.code{collate}) AS n
    FROM c
),
firsts AS (
    SELECT ranked.band, ranked.education_status, y.gender, m.code AS residence
    FROM ranked
    JOIN {youth} y ON y.id = ranked.youth_id
    LEFT JOIN {municipality} m ON m.id = y.residence_municipality_id
    WHERE ranked.n = 1
)
SELECT 'contacts.total', NULL, COUNT(*) FROM c
UNION ALL SELECT 'contacts.by_channel', c.channel, COUNT(*) FROM c GROUP BY c.channel
UNION ALL SELECT 'contacts.by_kind', c.kind, COUNT(*) FROM c GROUP BY c.kind
UNION ALL SELECT 'bridging.contacts', NULL, COUNT(*) FROM c WHERE c.bridged
UNION ALL SELECT 'feedback.responses', NULL, COUNT(*) FROM c
    WHERE EXISTS (SELECT 1 FROM {_table(Response)} r WHERE r.contact_id = c.id)
{terms}
UNION ALL SELECT 'youth.personal', NULL, COUNT(*) FROM firsts
UNION ALL SELECT 'youth.age_at_first', band, COUNT(*) FROM firsts GROUP BY band
UNION ALL SELECT 'youth.education', education_status, COUNT(*) FROM firsts
    GROUP BY education_status
UNION ALL SELECT 'youth.gender', gender, COUNT(*) FROM firsts GROUP BY gender
UNION ALL SELECT 'youth.residence', residence, COUNT(*) FROM firsts GROUP BY residence
UNION ALL {chat}
"""  # noqa: S608


def _chat_sites() -> str:
    return f"SELECT s.id FROM {_table(Site)} s WHERE s.kind = %s"  # noqa: S608


def _run_core(sql: str, params: list) -> dict:
    counts: dict = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for figure, key, n in rows:
        if key is None and figure in (
            "contacts.total",
            "bridging.contacts",
            "feedback.responses",
            "youth.personal",
            "youth.chat",
            "youth.chat_resident",
        ):
            counts[figure] = n
            continue
        group = counts.setdefault(figure, {})
        key = key if key not in (None, "") else UNKNOWN
        group[key] = group.get(key, 0) + n
    return counts


def annual_core(site: Site, year: int) -> dict:
    bounds = _bounds(year)
    if site.municipality_id:
        # Young people living in the site's municipality with a chat contact in the year,
        # asked from the residents' side (each is a probe into the youth/site/date index).
        chat = (
            f"SELECT 'youth.chat_resident', NULL, COUNT(*) FROM {_table(Youth)} y"  # noqa: S608
            f" WHERE y.residence_municipality_id = %s AND EXISTS (SELECT 1 FROM"
            f" {_table(Contact)} ch WHERE ch.youth_id = y.id AND ch.site_id IN"
            f" ({_chat_sites()}) AND ch.date >= %s AND ch.date <= %s)"
        )
        chat_params = [site.municipality_id, SiteKind.CHAT.value, *bounds]
    else:
        chat, chat_params = "SELECT 'youth.chat_resident', NULL, 0", []
    return _run_core(_core_sql("c.site_id = %s", chat), [site.id, *bounds, *chat_params])


def national_core(year: int) -> dict:
    bounds = _bounds(year)
    scope = f"c.site_id IN (SELECT s.id FROM {_table(Site)} s WHERE s.kind <> %s)"  # noqa: S608
    chat = (
        f"SELECT 'youth.chat', NULL, COUNT(DISTINCT ch.youth_id) FROM {_table(Contact)} ch"  # noqa: S608
        f" WHERE ch.site_id IN ({_chat_sites()}) AND ch.date >= %s AND ch.date <= %s"
    )
    params = [SiteKind.CHAT.value, *bounds, SiteKind.CHAT.value, *bounds]
    return _run_core(_core_sql(scope, chat), params)


# -- comparing with the report ----------------------------------------------------------------

SHARES_OF_PERSONAL = ("youth.age_at_first", "youth.education", "youth.gender", "youth.residence")


def _nonzero(values: dict) -> dict:
    return {key: value for key, value in values.items() if value}


def core_as_figures(core: dict) -> dict:
    """The core counts as the report states them: counts, and shares divided exactly as the
    report divides them (count / denominator), codes that count 0 left out."""

    def share(n: int, total: int) -> float:
        return n / total if total else 0.0

    personal, total = core.get("youth.personal", 0), core.get("contacts.total", 0)
    bridged = core.get("bridging.contacts", 0)
    figures = {
        "youth.personal": personal,
        "contacts.total": total,
        "contacts.by_channel": _nonzero(core.get("contacts.by_channel", {})),
        "contacts.by_kind": _nonzero(core.get("contacts.by_kind", {})),
        "bridging.contacts": bridged,
        "feedback.responses": core.get("feedback.responses", 0),
        "themes": {k: share(n, total) for k, n in core.get("themes", {}).items()},
        "bridging.methods": {
            k: share(n, bridged) for k, n in core.get("bridging.methods", {}).items()
        },
        "bridging.destinations": {
            k: share(n, bridged) for k, n in core.get("bridging.destinations", {}).items()
        },
    }
    for name in SHARES_OF_PERSONAL:
        figures[name] = {k: share(n, personal) for k, n in core.get(name, {}).items() if n}
    for name in ("youth.chat", "youth.chat_resident"):
        if name in core:
            figures[name] = core[name]
    return figures


def report_core_figures(report: dict, chat_name: str) -> dict:
    """The same figures read from a report's dict (codes at 0 left out)."""
    youth, contacts, bridging = report["youth"], report["contacts"], report["bridging"]
    figures = {
        "youth.personal": youth["personal"],
        "contacts.total": contacts["total"],
        "contacts.by_channel": _nonzero(contacts["by_channel"]),
        "contacts.by_kind": _nonzero(contacts["by_kind"]),
        "bridging.contacts": bridging["contacts"],
        "feedback.responses": report["feedback"]["responses"],
        "themes": _nonzero(report["themes"]),
        "bridging.methods": _nonzero(bridging["methods"]),
        "bridging.destinations": _nonzero(bridging["destinations"]),
        f"youth.{chat_name}": youth[chat_name],
    }
    for name in SHARES_OF_PERSONAL:
        figures[name] = _nonzero(youth[name.removeprefix("youth.")])
    return figures


def differences(report: dict, core: dict, chat_name: str) -> list[str]:
    """The figures where the report and the core statement disagree (empty when none)."""
    ours, theirs = report_core_figures(report, chat_name), core_as_figures(core)
    return [
        f"{name}: report {ours.get(name)!r} != SQL {theirs.get(name)!r}"
        for name in sorted(set(ours) | set(theirs))
        if ours.get(name) != theirs.get(name)
    ]
