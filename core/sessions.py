"""Sessions kept in the shared cache (Redis), so any app server can continue a visitor's self-check.

When the cache cannot keep a session (Redis down, full, or read-only during a failover), the
visitor must not get a 500, nor be bounced back silently with their answers lost: the session
store raises `SessionUnavailable`, and `SessionMiddleware` answers with a page that says we
cannot go on right now and gives the phone number (503, so it is tried again later).
"""

import logging
import threading
import time
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.cache import SessionStore as CacheSessionStore
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import connections
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader

from . import contact

logger = logging.getLogger(__name__)


class SessionUnavailable(Exception):
    """The session could not be stored, so whatever it was to remember is lost."""


class SessionStore(CacheSessionStore):
    def _cache_is_down(self):
        return getattr(self._cache, "is_down", False)

    def save(self, must_create=False):
        try:
            super().save(must_create=must_create)
        except (CreateError, UpdateError):
            if not self._cache_is_down():
                raise
        # Our cache turns failed writes into "down" instead of errors: ask it afterwards.
        if self._cache_is_down():
            raise SessionUnavailable


def unavailable_page(request):
    try:
        response = render(request, "503_session.html", status=503)
    except Exception:
        # The page needs the database for the menu; if that is gone too, the outage page.
        logger.warning("Could not render the session outage page", exc_info=True)
        body = loader.get_template("500.html").render(contact.error_page_context())
        response = HttpResponse(body, status=503)
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response


def sweep_expired():
    """Delete the sessions whose expiry has passed, from whichever store holds them.

    Redis drops them itself; files and database rows stay until something deletes them, and
    they may hold a self-check's answers, which must be gone within the hour.
    """
    try:
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    except Exception:
        logger.warning("Could not delete expired sessions; will try again", exc_info=True)


_sweeper = None
_sweeper_lock = threading.Lock()


def _sweep_forever(interval):
    while True:
        time.sleep(interval)
        sweep_expired()
        # This thread's own database connection: not held open between sweeps.
        connections.close_all()


def start_sweeper():
    """One thread per process that sweeps every IOP_SESSION_SWEEP_SECONDS (0: never)."""
    global _sweeper
    interval = settings.IOP_SESSION_SWEEP_SECONDS
    if _sweeper is not None or not interval:
        return
    with _sweeper_lock:
        if _sweeper is None:
            _sweeper = threading.Thread(
                target=_sweep_forever, args=(interval,), name="session-sweeper", daemon=True
            )
            _sweeper.start()


class SessionMiddleware(DjangoSessionMiddleware):
    def __init__(self, get_response):
        super().__init__(get_response)
        start_sweeper()

    def process_exception(self, request, exception):
        if isinstance(exception, SessionUnavailable):
            return unavailable_page(request)
        return None

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except SessionUnavailable:
            return unavailable_page(request)
