import os

import pytest

from tests.production.stack import postgres_url, stack_on_test_database_kind


def _skip_reason() -> str | None:
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if not on_postgres and postgres_url():
        # One run of the (slow) stack per suite: bin/test's PostgreSQL pass takes it.
        return "the production stack runs in the PostgreSQL pass (DATABASE_URL=postgresql://...)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _skip_reason()
    if reason:
        for item in items:
            if "tests/production" in str(item.path) and "production" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="package")
def stack():
    with stack_on_test_database_kind("smoke", FRIRUM_CACHE="database") as stack:
        stack.start_server()
        stack.start_server()
        yield stack
