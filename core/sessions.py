"""Sessions kept in the shared cache (Redis), so any app server can continue a visitor's self-check.

Django's cache session store retries session creation 10,000 times and then raises when the
cache is down, which would turn a Redis outage into error pages. When our cache reports an
outage we hand out a session that simply is not stored: the page renders, and the visitor's
answers are lost until Redis is back (the self-check then starts again).
"""

from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.cache import SessionStore as CacheSessionStore


class SessionStore(CacheSessionStore):
    def _cache_is_down(self):
        return getattr(self._cache, "is_down", False)

    def save(self, must_create=False):
        try:
            super().save(must_create=must_create)
        except (CreateError, UpdateError):
            if not self._cache_is_down():
                raise
