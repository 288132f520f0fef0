"""A whole-response cache for the public pages anonymous visitors read.

A hit costs a cache lookup and one cheap generation check, with no view, template, session or
database work, so a cached article is served about as fast as a static file.

Staff edits must show on the very next request in every worker. Saving bumps a *generation*;
each entry remembers the generation it was rendered under and is ignored once that changes:
- with the local-memory cache (one per worker process), the generation is the modification
  time of a small file that every worker on the machine can stat (one system call per hit);
- with a shared cache (Redis), it is a key in that cache, fetched together with the page.

Models whose saves change a public page call `invalidate_on_change(Model)` from their app's
`ready()`; anything else can call `invalidate()`. `cached_until_edited()` keeps other
staff-edited data (the self-check's wording) under the same generation.
"""

import contextlib
import hashlib
import logging
import math
import os
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
STORED_STATUSES = {200, 404}
# A public page may vary only on the cookie header: requests that carry any cookie skip the cache.
ALLOWED_VARY = {"cookie"}
_warned = set()


_lifetime_limits = []


def limit_lifetime(seconds_left):
    """Register `seconds_left(request) -> float or None`: no entry is kept past what it returns.

    For content that changes by the clock (a page's publish and take-down times) rather than
    by a save, which is what the generation tracks.
    """
    _lifetime_limits.append(seconds_left)
    return seconds_left


def _capped(timeout, request):
    for seconds_left in _lifetime_limits:
        seconds = seconds_left(request)
        if seconds is not None:
            timeout = min(timeout, max(1, math.ceil(seconds)))
    return timeout


def cache_public_page(view):
    """Mark a view whose anonymous GET responses are the same for every visitor."""
    view.page_cache = True
    return view


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _is_per_process(cache):
    return isinstance(cache, LocMemCache)


def _file_generation():
    path = settings.PAGE_CACHE_GENERATION_FILE
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        _bump_file()
        return os.stat(path).st_mtime_ns


def _bump_file():
    path = settings.PAGE_CACHE_GENERATION_FILE
    try:
        previous = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        previous = 0
        with open(path, "a"):
            pass
    # Strictly later than before, even if two saves land within the clock's resolution; larger
    # steps for file systems that keep modification times only to the microsecond or second.
    for step in (1, 1_000, 1_000_000_000, 2_000_000_000):
        new = max(time.time_ns(), previous + step)
        os.utime(path, ns=(new, new))
        if os.stat(path).st_mtime_ns != previous:
            return
    raise OSError(f"Could not change the modification time of {path}")


def _bump():
    cache = _cache()
    if _is_per_process(cache):
        _bump_file()
    else:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate(**_signal_kwargs):
    """Make every cached page stale, in every worker.

    Bumped now so this process (and the tests) see the change at once, and again after the
    transaction commits: between the two, another worker could still read the old rows and
    cache them under the first new generation.
    """
    # A failed bump must not turn the staff member's save into an error page: it is logged.
    try:
        _bump()
    except Exception:
        logger.exception("Could not invalidate the page cache")
    transaction.on_commit(_bump, robust=True)


def invalidate_on_change(*models):
    for model in models:
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(invalidate, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"{uid}-delete")


def clear():
    """Make every cached page stale at once, without commit hooks (between tests, by command).

    It never calls cache.clear(): on a shared Redis that would also wipe everything else there.
    """
    _bump()


def _key(request):
    path = hashlib.md5(request.path.encode("utf-8", "surrogatepass"), usedforsecurity=False)
    return f"page:{request.scheme}://{request.get_host()}:{path.hexdigest()}"


def _lookup(key):
    """Return (current generation, stored entry or None)."""
    cache = _cache()
    if _is_per_process(cache):
        return _file_generation(), cache.get(key)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        return cache.get(GENERATION_KEY), None
    return generation, found.get(key)


def cached_until_edited(name, compute):
    """`compute()` once per generation: for data that changes only when staff save something.

    Same rules as the pages: the generation is read before computing, so a value computed from
    rows an edit is replacing is never kept under the edit's generation.
    """
    key = f"data:{name}"
    try:
        generation, stored = _lookup(key)
    except Exception:
        _warn_once("The page cache is unreachable; serving pages uncached")
        return compute()
    if generation is not None and stored is not None and stored[0] == generation:
        return stored[1]
    value = compute()
    if generation is not None:
        try:
            _cache().set(key, (generation, value), settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            _warn_once("The page cache is unreachable; serving pages uncached")
    return value


def _request_may_use_cache(request):
    # Any cookie (session, CSRF, messages) may mean a signed-in or mid-screening visitor.
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and not request.META.get("HTTP_COOKIE")
        and not request.META.get("HTTP_AUTHORIZATION")
    )


def _never_cached_prefixes():
    prefixes = []
    for name in ("admin:index", "screening:start"):
        with contextlib.suppress(NoReverseMatch):
            prefixes.append(reverse(name))
    return tuple(prefixes)


def _response_may_be_stored(request, response):
    # Stored from GET only: HEAD is answered from the GET entry, never the other way round.
    match = request.resolver_match
    if request.method != "GET" or match is None or not getattr(match.func, "page_cache", False):
        return False
    if request.path.startswith(_never_cached_prefixes()):
        return False
    if response.status_code not in STORED_STATUSES or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return vary <= ALLOWED_VARY


def _warn_once(message):
    # Once per process: an outage must not flood the log with one line per request.
    if message not in _warned:
        _warned.add(message)
        logger.warning(message, exc_info=True)


class PageCacheMiddleware:
    """Serve and store whole responses of views marked with `cache_public_page`.

    It must sit above every middleware that adds headers (security headers, CSP, frame
    options): a hit returns before they run, so the stored response has to carry what they
    added on the way out when it was first rendered. Only SecurityMiddleware (the HTTPS
    redirect must still happen) and WhiteNoise (static files never reach the cache) run before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_may_use_cache(request):
            return self.get_response(request)
        try:
            key = _key(request)
        except DisallowedHost:
            # Let the inner middleware refuse it, so the 400 carries the security headers.
            return self.get_response(request)
        try:
            generation, entry = _lookup(key)
        except Exception:
            _warn_once("The page cache is unreachable; serving pages uncached")
            return self.get_response(request)
        if generation is None:
            # A cache that swallows its errors (reads as all misses): nothing safe to compare with.
            return self.get_response(request)
        if entry is not None and entry[0] == generation:
            _, status, headers, body = entry
            return HttpResponse(body, status=status, headers=headers)

        response = self.get_response(request)
        if _response_may_be_stored(request, response):
            timeout = (
                settings.PAGE_CACHE_TIMEOUT
                if response.status_code == 200
                else settings.PAGE_CACHE_NOT_FOUND_TIMEOUT
            )
            entry = (generation, response.status_code, dict(response.items()), response.content)
            try:
                _cache().set(key, entry, _capped(timeout, request))
            except Exception:
                _warn_once("The page cache is unreachable; serving pages uncached")
        return response
