import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _danish_by_default(settings):
    # Tests read the same defaults the users get; English is tested explicitly.
    settings.LANGUAGE_CODE = "da"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate limits and cached report figures must not leak from one test into the next
    # (SQLite hands out the same ids again after a rolled-back test).
    cache.clear()
    yield
    cache.clear()
