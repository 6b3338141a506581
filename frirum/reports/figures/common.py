"""Helpers shared by the report figures: the period, code ordering, shares, metadata."""

import datetime as dt

from django.db import connection
from django.db.models import Count, QuerySet
from django.utils import timezone

DEFINITIONS_VERSION = "interchange v1"
UNKNOWN = "unknown"


class Scope:
    """The contacts a report is about, as lookups on Contact.

    Kept as lookups rather than a queryset so that answers and term lists filter through a
    plain join on the contact (`contact__site_id=...`): PostgreSQL then walks from the
    year's contacts into the answers' index instead of scanning every answer.
    """

    def __init__(self, **lookups):
        self.lookups = lookups

    def contacts(self, **more) -> QuerySet:
        from frirum.contacts.models import Contact

        return Contact.objects.filter(**self.lookups, **more).order_by()

    def via(self, relation: str, **more) -> dict:
        """The lookups seen from a model with a foreign key `relation` to Contact."""
        return {f"{relation}__{key}": value for key, value in {**self.lookups, **more}.items()}


def year_bounds(year: int, until: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of a calendar year, for an index-friendly `date__range`; with
    `until`, the year only up to that day (an unfinished year, or the same period of the
    year before)."""
    last = dt.date(year, 12, 31)
    if until is not None:
        if until.year != year:
            raise ValueError(f"until {until} is not in {year}")
        last = min(until, last)
    return dt.date(year, 1, 1), last


def counted_over(
    queryset: QuerySet,
    *,
    columns: list[str],
    where: str,
    joins: str = "",
    aggregates: str = "COUNT(*)",
) -> list[tuple]:
    """Rows of `columns` + `aggregates`, grouped, over the rows of `queryset` that pass `where`.

    For window functions: "each young person's first contact" is a filter on a ROW_NUMBER(),
    and SQL can only filter and group on a window's result one query level up (Django would
    group before filtering). The queryset is the inner level, aliased `ranked`; `columns`,
    `joins` and `where` are SQL constants of the code, every value stays a parameter.
    """
    inner, params = queryset.query.sql_with_params()
    names = ", ".join(columns)
    positions = ", ".join(str(position) for position in range(1, len(columns) + 1))
    sql = (
        f"SELECT {names}, {aggregates} FROM ({inner}) ranked {joins} "  # noqa: S608
        f"WHERE {where} GROUP BY {positions}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def share(count: int, total: int) -> float:
    """count / total as an unrounded fraction; 0.0 when there is nothing to divide by."""
    return count / total if total else 0.0


def shares(counts: dict[str, int], total: int) -> dict[str, float]:
    return {key: share(value, total) for key, value in counts.items()}


def grouped_counts(
    queryset: QuerySet, field: str, *, count: str = "id", empty: str | None = UNKNOWN
) -> dict[str, int]:
    """{value of `field`: number of rows} from one GROUP BY query.

    Empty or NULL values are keyed `empty` (the interchange page reads an empty cell as
    unknown); pass `empty=None` to leave them out.
    """
    result: dict[str, int] = {}
    rows = queryset.order_by().values_list(field).annotate(n=Count(count))
    for value, n in rows:
        key = value if value not in (None, "") else empty
        if key is None:
            continue
        key = str(key)
        result[key] = result.get(key, 0) + n
    return result


def with_zeros(counts: dict[str, int], keys) -> dict[str, int]:
    """The fixed code list in its own order with 0 for codes not seen, then any other keys."""
    result = {str(key): counts.get(str(key), 0) for key in keys}
    for key, value in counts.items():
        result.setdefault(key, value)
    return result


def meta(*, instrument_versions: list[str] | None = None) -> dict:
    return {
        "definitions": DEFINITIONS_VERSION,
        # The questionnaire versions the report's answers were given in, e.g. `helped v1`.
        "instrument_versions": instrument_versions or [],
        "generated_at": timezone.now().isoformat(),
        "shares": "fractions 0..1, unrounded; 0 when the denominator is 0",
    }


def site_info(site) -> dict | None:
    """The site's facts for a report's title page (names are the site's, not a person's)."""
    if site is None:
        return None
    municipality = site.municipality
    hub = site.hub
    return {
        "code": site.code,
        "name": site.name,
        "kind": site.kind,
        "municipality_code": municipality.code if municipality else None,
        "municipality_name": municipality.name if municipality else None,
        "hub_code": hub.code if hub else None,
        "hub_name": hub.name if hub else None,
        "opened_on": site.opened_on.isoformat() if site.opened_on else None,
        "closed_on": site.closed_on.isoformat() if site.closed_on else None,
    }
