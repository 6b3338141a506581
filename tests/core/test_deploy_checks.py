"""`frirum check --deploy`'s own checks that read the database."""

from unittest import mock

import pytest
from django.db import connection
from django.test import override_settings

from frirum.core import checks

pytestmark = pytest.mark.django_db


def _ids(problems) -> set[str]:
    return {problem.id for problem in problems}


@override_settings(DEBUG=False)
def test_it_warns_when_postgresqls_autovacuum_is_off():
    with (
        mock.patch.object(connection, "vendor", "postgresql"),
        mock.patch.object(checks, "autovacuum_is_off", return_value=True),
    ):
        problems = checks.check_production()
    assert "frirum.W005" in _ids(problems)


@override_settings(DEBUG=False)
def test_it_says_nothing_when_autovacuum_is_on():
    with (
        mock.patch.object(connection, "vendor", "postgresql"),
        mock.patch.object(checks, "autovacuum_is_off", return_value=False),
    ):
        problems = checks.check_production()
    assert "frirum.W005" not in _ids(problems)


@override_settings(DEBUG=False)
def test_it_does_not_ask_sqlite_about_autovacuum():
    with (
        mock.patch.object(connection, "vendor", "sqlite"),
        mock.patch.object(checks, "autovacuum_is_off", side_effect=AssertionError),
    ):
        problems = checks.check_production()
    assert "frirum.W005" not in _ids(problems)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own setting")
def test_it_reads_the_servers_autovacuum_setting():
    with connection.cursor() as cursor:
        cursor.execute("SELECT setting FROM pg_settings WHERE name = 'autovacuum'")
        expected = cursor.fetchone()[0] == "off"
    assert checks.autovacuum_is_off() is expected
