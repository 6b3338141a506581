import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _danish_by_default(settings):
    # Tests read the same defaults the users get; English is tested explicitly.
    settings.LANGUAGE_CODE = "da"


@pytest.fixture(autouse=True)
def _two_factor_optional(settings):
    # As in the demo (DEBUG=True), whatever DEBUG the suite runs with; the tests of the
    # requirement switch it on themselves (tests/accounts).
    settings.FRIRUM_REQUIRE_2FA = False


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate limits and cached report figures must not leak from one test into the next
    # (SQLite hands out the same ids again after a rolled-back test).
    cache.clear()
    yield
    cache.clear()
