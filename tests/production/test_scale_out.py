"""Two `frirum serve` processes on one database behave as one site: sessions and cached
figures live in the database or Redis, never in a process."""

import datetime as dt
import json
import os
import secrets

import pytest
import redis

from tests.production.pages import PageChecker, login
from tests.production.stack import DEMO_PASSWORD
from tests.production.test_serve_smoke import CHIEF, COUNSELLOR, SITE, register_conversation

pytestmark = pytest.mark.production


def contacts_total(client, year: int) -> int:
    response = client.get(f"/reports/annual/{SITE}/download.json?year={year}")
    assert response.status == 200, response.status
    return json.loads(response.body)["contacts"]["total"]


def check_one_site(stack, first, second, nickname: str) -> None:
    checker = PageChecker()
    counsellor = first.client()
    login(counsellor, COUNSELLOR, DEMO_PASSWORD, stack.second_factor)
    # The session made on the first server is valid on the second.
    counsellor.port = second.port
    dashboard = counsellor.get(f"/s/{SITE}/dashboard/")
    assert dashboard.status == 200 and "/login/" not in dashboard.url

    chief = first.client()
    login(chief, CHIEF, DEMO_PASSWORD, stack.second_factor)
    year = dt.date.today().year
    before = contacts_total(chief, year)  # computed and cached by the first server
    chief.port = second.port
    assert contacts_total(chief, year) == before
    # The dashboard, rendered and cached through the first server...
    counsellor.port = first.port
    assert nickname not in counsellor.get(f"/s/{SITE}/dashboard/").text
    counsellor.port = second.port
    register_conversation(counsellor, checker, nickname)  # written through the second
    # ...shows the write made through the second at once.
    counsellor.port = first.port
    assert nickname in counsellor.get(f"/s/{SITE}/dashboard/").text
    chief.port = first.port
    assert contacts_total(chief, year) == before + 1
    chief.port = second.port
    assert contacts_total(chief, year) == before + 1


def test_it_shares_sessions_and_cache_through_the_database(stack):
    first, second = stack.servers[:2]
    check_one_site(stack, first, second, "Skaleringdb")


def test_it_shares_sessions_and_cache_through_redis(stack):
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {url}")
    prefix = f"frirum-test-{secrets.token_hex(4)}"
    env = {"REDIS_URL": url, "FRIRUM_CACHE": "redis", "FRIRUM_CACHE_PREFIX": prefix}
    first = stack.start_server(**env)
    second = stack.start_server(**env)
    try:
        check_one_site(stack, first, second, "Skaleringredis")
        keys = redis.Redis.from_url(url).keys(f"{prefix}:*")
        assert keys, "nothing was cached in Redis"
    finally:
        first.stop()
        second.stop()
        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
