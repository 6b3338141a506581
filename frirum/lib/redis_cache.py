"""Django's Redis cache, with one client per connection pool instead of one per call.

Django's RedisCacheClient builds a new `redis.Redis` for every cache operation; its
constructor copies about 170 response callbacks, which cost more than the round trip of a
`GET` on loopback (a session read, a dashboard and a rate-limit counter each paid it). A
`redis.Redis` is safe to share between threads: its connections come from the pool.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
