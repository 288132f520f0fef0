"""A Redis cache that turns an outage into cache misses instead of error pages.

Pages must keep rendering when Redis is down, full (out of memory, no eviction) or read-only (a
replica during a failover): reads miss, writes are dropped, and the cache reports itself down for
a few seconds (the session store turns that into a clear page, see core/sessions.py). After a
failure we stop asking Redis for a few seconds, so a page that touches the cache many times (or the
session store's retry loop) does not wait on a dead server each time. The first failure in a
process is logged as a warning; repeats are logged at debug level so an outage cannot flood the
logs.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import OutOfMemoryError, ReadOnlyError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Only "Redis cannot serve us" degrades; a wrong command or bad data is a bug and still raises.
OUTAGE_ERRORS = (
    RedisConnectionError,
    RedisTimeoutError,
    OutOfMemoryError,
    ReadOnlyError,
    OSError,
)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.retry_after = float(params.get("RETRY_AFTER", 5))
        self._down_until = 0.0
        self._warned = False
        self._lock = threading.Lock()

    @property
    def is_down(self):
        return time.monotonic() < self._down_until

    def _call(self, operation, fallback, *args, **kwargs):
        if self.is_down:
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except OUTAGE_ERRORS as error:
            self._mark_down(error)
            return fallback

    def _mark_down(self, error):
        with self._lock:
            self._down_until = time.monotonic() + self.retry_after
            first = not self._warned
            self._warned = True
        if first:
            logger.warning(
                "Redis cache unreachable (%s); serving without the cache until it answers again.",
                error.__class__.__name__,
            )
        else:
            logger.debug("Redis cache still unreachable: %s", error.__class__.__name__)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default=default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout=timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # False is honest: nothing was added. The session store below copes with that.
        return self._call("add", False, key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: return the keys that could not be stored.
        return self._call("set_many", list(data), data, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version=version)

    def incr(self, key, delta=1, version=None):
        # A missing key raises ValueError by contract; during an outage every key is missing.
        if self.is_down:
            raise ValueError(f"Key '{key}' not found (cache unavailable).")
        try:
            return super().incr(key, delta=delta, version=version)
        except OUTAGE_ERRORS as error:
            self._mark_down(error)
            raise ValueError(f"Key '{key}' not found (cache unavailable).") from error

    def clear(self):
        return self._call("clear", False)

    def ping(self):
        """Ask Redis directly, ignoring the back-off: the health check wants the truth now."""
        return self.check() is None

    def check(self):
        """None if Redis takes a write now, else the name of what went wrong.

        A write, not only PING: a full or read-only Redis still answers PING.
        """
        try:
            client = self._cache.get_client(write=True)
            client.set(self.make_and_validate_key("health:write-check"), b"1", ex=5)
        except OUTAGE_ERRORS as error:
            self._mark_down(error)
            return error.__class__.__name__
        self._down_until = 0.0
        return None
