"""Hand-written single SQL queries for the core counts of the annual and national reports:
the yardstick the report figures are compared with."""

import datetime as dt

from django.db import connection

from frirum.contacts.choices import Channel
from frirum.contacts.models import Contact
from frirum.sites.models import Site, SiteKind


def _sql(where: str) -> str:
    channels = ",\n".join(
        f"SUM(CASE WHEN c.channel = '{value}' THEN 1 ELSE 0 END)" for value in Channel.values
    )
    return (
        "SELECT COUNT(*), COUNT(DISTINCT c.youth_id),\n"
        f"{channels}\n"
        f"FROM {Contact._meta.db_table} c\n"
        f"WHERE {where} AND c.date >= %s AND c.date <= %s"
    )


ANNUAL = _sql("c.site_id = %s")
# Table names and channel codes are constants of the code; values are parameters.
NATIONAL = _sql(f"c.site_id IN (SELECT s.id FROM {Site._meta.db_table} s WHERE s.kind <> %s)")  # noqa: S608


def _run(sql: str, params: list) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        total, youth, *by_channel = cursor.fetchone()
    return {
        "contacts": total,
        "youth": youth,
        "by_channel": {code: n for code, n in zip(Channel.values, by_channel, strict=True) if n},
    }


def _bounds(year: int) -> list:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if connection.vendor == "sqlite":
        return [first.isoformat(), last.isoformat()]
    return [first, last]


def annual_core(site: Site, year: int) -> dict:
    return _run(ANNUAL, [site.id, *_bounds(year)])


def national_core(year: int) -> dict:
    return _run(NATIONAL, [SiteKind.CHAT.value, *_bounds(year)])
