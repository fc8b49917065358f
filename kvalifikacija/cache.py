"""A Redis cache that degrades to no cache.

When Redis cannot be reached every read is a miss and every write is dropped, with one warning in the log
per outage, never an exception: a page is then rendered afresh instead of answering 500. After a failure
Redis is left alone for `RETRY_AFTER` seconds, so an outage does not cost every request a connection
attempt; the short socket timeouts (settings, `OPTIONS`) bound the one that is made.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("kvalifikacija.cache")
FAILURES = (RedisError, OSError)
INCR_EXISTING = "for _, key in ipairs(KEYS) do if redis.call('EXISTS', key) == 1 then redis.call('INCR', key) end end"


class ResilientRedisCache(RedisCache):
    RETRY_AFTER = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._incr_existing = None

    def _guard(self, method, fallback, *args):
        return self._guarded(lambda: getattr(super(ResilientRedisCache, self), method)(*args), fallback)

    def incr_existing(self, keys):
        """INCR every key of `keys` that exists (a missing one stays missing), in one round trip (a Lua
        script, kept with its own client: building Django's client per call cost more than the call)."""
        if self._incr_existing is None:
            self._incr_existing = self._cache.get_client(write=True).register_script(INCR_EXISTING)
        made = [self.make_and_validate_key(key) for key in keys]
        return self._guarded(lambda: self._incr_existing(keys=made), None)

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
