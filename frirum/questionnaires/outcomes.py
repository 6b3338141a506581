"""Outcome statistics: the one module every report uses for first-vs-latest outcomes.

A course is one young person at one site. Of the course's contacts (as given: already filtered
to a site and period) those with a complete answer to the instrument count; the first is the
earliest (date, then smallest contact code), the latest the last (date, then largest code).
The latest is the last available observation, not an end-of-treatment measurement.

Scores are computed in the database (one grouped query with window functions); Python only
walks the courses that result, never the contacts.
"""

import datetime as dt
from collections import Counter

from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet

from frirum.contacts.models import Contact
from frirum.questionnaires import stats
from frirum.questionnaires.models import Instrument, InstrumentVersion, Item, Response
from frirum.questionnaires.scoring import RCI_Z, Rules, rules_for_instrument

EXCLUSION_REASONS = {
    "one_answered_contact": "only one contact with a complete answer",
    "incomplete_answers_only": "answers, but none complete",
    "no_answers": "no answers to the instrument",
}


def _quoted(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _ranked_rows(contacts: QuerySet[Contact], instrument_id: int) -> list[tuple]:
    """Per course, the first and the latest contact with a complete answer (one row if n == 1)."""
    contact_sql, contact_params = (
        contacts.order_by()
        .values(
            c_id=F("id"),
            c_youth=F("youth_id"),
            c_site=F("site_id"),
            c_date=F("date"),
            c_code=F("code"),
        )
        .query.sql_with_params()
    )
    # Codes compare byte-wise on both databases, so "smallest code" means the same everywhere.
    code = 'c_code COLLATE "C"' if connection.vendor == "postgresql" else "c_code"
    response, item, version = _quoted(Response), _quoted(Item), _quoted(InstrumentVersion)
    sql = f"""
        WITH cs AS ({contact_sql}),
        vc AS (SELECT version_id, COUNT(*) AS n FROM {item} GROUP BY version_id),
        answered AS (
            SELECT r.contact_id AS contact_id, i.version_id AS version_id,
                   COUNT(*) AS n_items,
                   SUM(CASE WHEN i.reverse_scored THEN v.scale_min + v.scale_max - r.value
                            ELSE r.value END) AS raw_sum
            FROM {response} r
            JOIN {item} i ON i.id = r.item_id
            JOIN {version} v ON v.id = i.version_id
            WHERE r.instrument_id = %s AND r.contact_id IN (SELECT c_id FROM cs)
            GROUP BY r.contact_id, i.version_id
        ),
        ranked AS (
            SELECT cs.c_youth, cs.c_site, cs.c_date, a.contact_id, a.version_id, a.raw_sum,
                   a.n_items,
                   ROW_NUMBER() OVER (PARTITION BY cs.c_youth, cs.c_site
                                      ORDER BY cs.c_date, {code}, a.version_id) AS rn_first,
                   ROW_NUMBER() OVER (PARTITION BY cs.c_youth, cs.c_site
                                      ORDER BY cs.c_date DESC, {code} DESC,
                                               a.version_id DESC) AS rn_latest,
                   COUNT(*) OVER (PARTITION BY cs.c_youth, cs.c_site) AS n
            FROM answered a
            JOIN cs ON cs.c_id = a.contact_id
            JOIN vc ON vc.version_id = a.version_id AND vc.n = a.n_items
        )
        SELECT c_youth, c_site, n, rn_first, rn_latest, contact_id, version_id, raw_sum,
               n_items, c_date
        FROM ranked
        WHERE rn_first = 1 OR rn_latest = 1
        ORDER BY c_site, c_youth, rn_first
    """  # noqa: S608 - only table names are interpolated; values travel as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*contact_params, instrument_id])
        return cursor.fetchall()


def course_pairs(*, contacts: QuerySet[Contact], instrument_code: str) -> dict:
    """First and latest observation of every course that has two, and why others are out.

    Returns {"pairs": [...], "courses": {"total", "included", "excluded": {reason: n}}}.
    """
    instrument = Instrument.objects.filter(code=instrument_code).first()
    if instrument is None:
        raise LookupError(f"Unknown instrument {instrument_code!r}")
    rules = rules_for_instrument(instrument_code)
    pairs, single = [], 0
    first_row = None
    for row in _ranked_rows(contacts, instrument.pk):
        n, rn_first = row[2], row[3]
        if n < 2:
            single += 1
            continue
        if rn_first == 1:
            first_row = row
            continue
        pairs.append(_pair(first_row, row, rules))

    total = contacts.order_by().values("youth_id", "site_id").distinct().count()
    has_answer = Response.objects.filter(contact=OuterRef("pk"), instrument=instrument)
    answered = (
        contacts.order_by()
        .filter(Exists(has_answer))
        .values("youth_id", "site_id")
        .distinct()
        .count()
    )
    excluded = {
        "one_answered_contact": single,
        "incomplete_answers_only": answered - single - len(pairs),
        "no_answers": total - answered,
    }
    return {
        "pairs": pairs,
        "courses": {"total": total, "included": len(pairs), "excluded": excluded},
    }


def _as_date(value) -> dt.date:
    # SQLite hands raw queries their dates as ISO strings.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _pair(first_row: tuple, latest_row: tuple, rules: dict[int, Rules]) -> dict:
    def observation(row):
        version = rules[row[6]]
        return version, version.score_from_raw(row[7], row[8])

    first_version, first_score = observation(first_row)
    latest_version, latest_score = observation(latest_row)
    return {
        "youth_id": latest_row[0],
        "site_id": latest_row[1],
        "n": latest_row[2],
        "first": first_score,
        "latest": latest_score,
        "first_contact_id": first_row[5],
        "latest_contact_id": latest_row[5],
        "first_date": _as_date(first_row[9]),
        "latest_date": _as_date(latest_row[9]),
        "first_version_id": first_version.version_id,
        "latest_version_id": latest_version.version_id,
    }


def first_latest_pairs(*, contacts: QuerySet[Contact], instrument_code: str) -> list[dict]:
    """Per course with at least two answered contacts: youth_id, site_id, n, first, latest.

    The exclusions (and their reasons) come with `course_pairs` / `outcome_summary`.
    """
    return course_pairs(contacts=contacts, instrument_code=instrument_code)["pairs"]


def _shares(counter: Counter, n: int) -> dict:
    return {key: counter[key] / n for key in counter} if n else {}


def outcome_summary(
    *,
    contacts: QuerySet[Contact],
    instrument_code: str,
    k: int = 5,
    seed: int = stats.DEFAULT_SEED,
    resamples: int = stats.DEFAULT_RESAMPLES,
) -> dict:
    """First vs latest outcome statistics of an instrument over the given contacts (JSON-safe).

    Exact, unrounded figures; `suppress` tells presented forms to hide them when fewer than k
    courses are included.
    """
    result = course_pairs(contacts=contacts, instrument_code=instrument_code)
    pairs = result["pairs"]
    rules = rules_for_instrument(instrument_code)
    current = next((r for r in rules.values() if r.is_current), None)
    n = len(pairs)

    first_categories, latest_categories = Counter(), Counter()
    version_counts = Counter()
    for pair in pairs:
        first_rules = rules[pair["first_version_id"]]
        latest_rules = rules[pair["latest_version_id"]]
        version_counts[first_rules.number] += 1
        version_counts[latest_rules.number] += 1
        if first_rules.categories:
            first_categories[first_rules.category(pair["first"])] += 1
        if latest_rules.categories:
            latest_categories[latest_rules.category(pair["latest"])] += 1

    differences = [pair["latest"] - pair["first"] for pair in pairs]
    summary = {
        "instrument": instrument_code,
        "direction": current.direction if current else None,
        "observations": "first and latest (last available) answered contact of each course",
        "courses": result["courses"],
        "exclusion_reasons": EXCLUSION_REASONS,
        "k": k,
        "suppress": n < k,
        "versions": [
            {"number": number, "observations": count}
            for number, count in sorted(version_counts.items())
        ],
        "categories": {
            "first": {"counts": dict(first_categories), "shares": _shares(first_categories, n)},
            "latest": {"counts": dict(latest_categories), "shares": _shares(latest_categories, n)},
        },
        "mean": {
            "first": stats.mean([p["first"] for p in pairs]) if n else None,
            "latest": stats.mean([p["latest"] for p in pairs]) if n else None,
            "change": stats.mean(differences) if n else None,
            "change_sd": stats.sample_sd(differences),
        },
        "effect_size": {
            "name": "d_z",
            "definition": "mean of (latest - first) / sample SD of (latest - first)",
            "value": stats.cohens_d_z(differences),
        },
        "bootstrap": stats.bootstrap_paired(differences, seed=seed, resamples=resamples),
        "reliable_change": None,
        "clinical": None,
    }
    if current is not None:
        summary["reliable_change"] = _reliable_change(pairs, current)
        summary["clinical"] = _clinical(pairs, rules, current, summary["reliable_change"])
    return summary


def _reliable_change(pairs: list[dict], rules: Rules) -> dict | None:
    """Jacobson-Truax reliable change, with the current version's reference SD and reliability."""
    threshold = rules.reliable_change_threshold
    if threshold is None:
        return None
    counts = Counter()
    for pair in pairs:
        rci = rules.reliable_change_index(pair["first"], pair["latest"])
        if abs(rci) <= RCI_Z:
            counts["unchanged"] += 1
        elif rules.improvement(pair["first"], pair["latest"]) > 0:
            counts["improved"] += 1
        else:
            counts["deteriorated"] += 1
    return {
        "method": "Jacobson-Truax",
        "reference_sd": rules.reference_sd,
        "reliability": rules.reliability,
        "threshold": threshold,
        "improved": counts["improved"],
        "unchanged": counts["unchanged"],
        "deteriorated": counts["deteriorated"],
    }


def _clinical(
    pairs: list[dict], rules: dict[int, Rules], current: Rules, reliable: dict | None
) -> dict | None:
    """Courses in the clinical range at first and latest; recovery where reliability is known."""
    if current.cutoff is None:
        return None
    counts = Counter()
    for pair in pairs:
        was = rules[pair["first_version_id"]].is_clinical(pair["first"])
        now = rules[pair["latest_version_id"]].is_clinical(pair["latest"])
        counts["first"] += bool(was)
        counts["latest"] += bool(now)
        if reliable is None:
            continue
        rci = current.reliable_change_index(pair["first"], pair["latest"])
        reliably_better = (
            abs(rci) > RCI_Z and current.improvement(pair["first"], pair["latest"]) > 0
        )
        if was and not now and reliably_better:
            counts["recovered"] += 1
    return {
        "cutoff": current.cutoff,
        "rule": "below the cut-off" if current.higher_is_better else "above the cut-off",
        "in_clinical_range_first": counts["first"],
        "in_clinical_range_latest": counts["latest"],
        # Jacobson-Truax clinically significant change: reliably improved and across the cut-off.
        "clinically_significant_improvement": counts["recovered"] if reliable else None,
    }
