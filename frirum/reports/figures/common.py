"""Helpers shared by the report figures: the period, code ordering, shares, metadata."""

import datetime as dt

from django.db import connection
from django.db.models import Count, F, QuerySet
from django.db.models.functions import Collate
from django.utils import timezone

from frirum.questionnaires.models import Response

DEFINITIONS_VERSION = "interchange v1"
UNKNOWN = "unknown"


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a calendar year, for an index-friendly `date__range`."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def code_order(field: str):
    """An expression ordering codes by code point, whatever the database's collation.

    "Smallest code" in the interchange page is plain string order (as Python compares);
    a PostgreSQL database in a natural-language collation would sort `C-10` and `c-9`
    differently, so PostgreSQL gets the byte-wise "C" collation. SQLite's default BINARY
    collation already compares UTF-8 bytes, which is code point order.
    """
    if connection.vendor == "postgresql":
        return Collate(F(field), "C")
    return F(field)


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


def instrument_versions(responses: QuerySet[Response]) -> list[str]:
    """The questionnaire versions the report's answers were given in, e.g. `helped v1`."""
    rows = (
        responses.order_by()
        .values_list("item__version__instrument__code", "item__version__number")
        .distinct()
    )
    return sorted(f"{code} v{number}" for code, number in rows)


def meta(*, responses: QuerySet[Response] | None) -> dict:
    return {
        "definitions": DEFINITIONS_VERSION,
        "instrument_versions": instrument_versions(responses) if responses is not None else [],
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
