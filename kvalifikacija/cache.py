"""A Redis cache that degrades to no cache.

When Redis cannot be reached every read is a miss and every write is dropped, with one warning in the log
per outage, never an exception: a page is then rendered afresh instead of answering 500. After a failure
Redis is left alone for `RETRY_AFTER` seconds, so an outage does not cost every request a connection
attempt; the short socket timeouts (settings, `OPTIONS`) bound the one that is made.
"""

import contextvars
import logging
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("kvalifikacija.cache")
FAILURES = (RedisError, OSError)
# Version numbers: each key of KEYS that exists goes up by one; a missing one is set to its ARGV value,
# or left missing when that is empty.
BUMP_VERSIONS = """
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('INCR', key)
  elseif ARGV[i] ~= '' then redis.call('SET', key, ARGV[i]) end
end"""


class KeptClientCacheClient(RedisCacheClient):
    """Django's Redis client, but one `redis.Redis` per server kept for as long as the cache object
    (Django makes one per thread) instead of one built for every cache call, which cost more than the
    call itself (each builds a table of about 200 response callbacks)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class ResilientRedisCache(RedisCache):
    RETRY_AFTER = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientCacheClient
        self._down_until = 0.0
        self._bump_versions = None

    def _guard(self, method, fallback, *args):
        return self._guarded(lambda: getattr(super(ResilientRedisCache, self), method)(*args), fallback)

    def bump_versions(self, keys):
        """Version numbers `keys` ({key: value to set when missing, or None to leave it missing}) each
        one up, in one round trip (a Lua script)."""
        if self._bump_versions is None:
            self._bump_versions = self._cache.get_client(write=True).register_script(BUMP_VERSIONS)
        made = [self.make_and_validate_key(key) for key in keys]
        missing = ["" if value is None else str(int(value)) for value in keys.values()]
        return self._guarded(lambda: self._bump_versions(keys=made, args=missing), None)

    def _guarded(self, call, fallback):
        if self._down_until and time.monotonic() < self._down_until:
            return fallback
        try:
            result = call()
        except FAILURES as exc:
            if not self._down_until:
                logger.warning("The cache (Redis) cannot be reached; serving without it: %s", exc)
            self._down_until = time.monotonic() + self.RETRY_AFTER
            return fallback
        if self._down_until:
            logger.warning("The cache (Redis) is reachable again.")
            self._down_until = 0.0
        return result

    def get(self, key, default=None, version=None):
        return self._guard("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        return self._guard("incr", None, key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self._guard("decr", None, key, delta, version)

    def clear(self):
        return self._guard("clear", False)


# --- Version numbers --------------------------------------------------------------------------------

_together = contextvars.ContextVar("kv_cache_bumps_together", default=None)


def bump_versions(keys, *, missing=None):
    """Every version number of `keys` one up; a missing one stays missing, or with `missing` is set to
    it. Never raises (with the cache down there is nothing cached to invalidate). Inside
    `bumps_together()` the keys are gathered and bumped when it ends."""
    gathered = _together.get()
    if gathered is not None:
        for key in keys:
            if gathered.get(key) is None:
                gathered[key] = missing
        return
    _bump_now(dict.fromkeys(keys, missing))


@contextmanager
def bumps_together():
    """The version bumps made inside (after commits, by several caches) sent at its end in one round
    trip: for a short piece of work that commits and notifies, such as a sign-up."""
    if _together.get() is not None:
        yield
        return
    token = _together.set({})
    try:
        yield
    finally:
        gathered = _together.get()
        _together.reset(token)
        if gathered:
            _bump_now(gathered)


def _bump_now(keys):
    if hasattr(cache, "bump_versions"):  # Redis (ResilientRedisCache): every key in one round trip
        cache.bump_versions(keys)
        return
    try:
        for key, missing in keys.items():
            try:
                cache.incr(key)
            except ValueError:  # missing
                if missing is not None:
                    cache.set(key, missing, None)
    except Exception:  # noqa: BLE001 - the cache is optional
        logger.warning("The cache cannot be reached; versions not bumped.", exc_info=True)
