"""The workspace benchmark stands in for autovacuum on a server that runs without it."""

import pytest
from django.db import connection

from benchmarks.web_workspace import STALE_TABLES, autovacuum_stand_in

# Not transaction=True: its flush at the end made later tests' serialized rollback insert
# content types that were already there again.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics"),
]


def _url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgresql://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def test_it_lists_the_tables_autovacuum_would_analyse():
    with connection.cursor() as cursor:
        cursor.execute(STALE_TABLES)
        rows = cursor.fetchall()
    assert all(len(row) == 2 for row in rows)


def test_it_stands_in_only_when_autovacuum_is_off():
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        off = cursor.fetchone()[0] == "off"
    analyse = autovacuum_stand_in(_url())
    assert (analyse is not None) is off
    if analyse is not None:
        analyse()  # runs its ANALYZE without an error
