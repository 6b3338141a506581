"""`frirum check --deploy`'s own checks that read the database."""

from unittest import mock

import pytest
from django.db import connection
from django.test import override_settings

from frirum.core import checks

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def _problem_ids(vendor: str, **autovacuum) -> set[str]:
    """check_production's ids on `vendor`, with `autovacuum_is_off` patched as given."""
    with (
        mock.patch.object(connection, "vendor", vendor),
        mock.patch.object(checks, "autovacuum_is_off", **autovacuum),
    ):
        return {problem.id for problem in checks.check_production()}


def test_it_warns_when_postgresqls_autovacuum_is_off():
    assert "frirum.W005" in _problem_ids("postgresql", return_value=True)


def test_it_says_nothing_when_autovacuum_is_on():
    assert "frirum.W005" not in _problem_ids("postgresql", return_value=False)


def test_it_does_not_ask_sqlite_about_autovacuum():
    assert "frirum.W005" not in _problem_ids("sqlite", side_effect=AssertionError)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own setting")
def test_it_reads_the_servers_autovacuum_setting():
    with connection.cursor() as cursor:
        cursor.execute("SELECT setting FROM pg_settings WHERE name = 'autovacuum'")
        expected = cursor.fetchone()[0] == "off"
    assert checks.autovacuum_is_off() is expected
