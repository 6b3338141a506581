"""The Redis cache backend keeps one client per connection pool (frirum.lib.redis_cache)."""

import uuid

import pytest
import redis

from frirum.lib.redis_cache import RedisCache

REDIS = "redis://127.0.0.1:6379/5"


def _reachable() -> bool:
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False
    return True


def _cache() -> RedisCache:
    return RedisCache(REDIS, {"KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}"})


def test_it_reuses_one_client_per_pool():
    cache = _cache()
    first = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is first
    assert cache._cache.get_client(write=True) is first


@pytest.mark.skipif(not _reachable(), reason="no Redis on 127.0.0.1:6379")
def test_it_stores_reads_and_counts_like_djangos():
    cache = _cache()
    cache.set("figures", {"contacts": 3}, 30)
    assert cache.get("figures") == {"contacts": 3}
    assert cache.add("figures", "other") is False
    assert cache.add("counter", 0) is True
    assert cache.incr("counter") == 1
    cache.delete("figures")
    assert cache.get("figures") is None
