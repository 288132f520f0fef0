"""A whole-response cache for the public pages anonymous visitors read.

Staff saves must reach every visitor on every server within seconds, whatever the cache server
does. So the *generation* that says whether a cached page is current lives in the database
(`core.models.PageGeneration`), changed in the same transaction as the save: a cache that
refuses writes cannot lose it. Each process remembers the generation for a couple of seconds
(`IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS`), so a hit costs no query and no round trip to Redis.

Pages are kept at two levels: in this process's memory (bounded in count), and, when the
configured cache is shared (Redis), there too so that other workers and servers need not render
them again. Each entry carries the generation it was rendered under and is ignored once that
changes. An entry holds the body already compressed (brotli, gzip) with its headers (ETag,
Last-Modified, Cache-Control for shared caches) worked out once, when it is stored.

The hit path runs twice: `wsgi()` wraps the Django application and answers hits from memory
before Django builds a request; `PageCacheMiddleware` answers the rest (and everything in
tests) and stores new pages.

Models whose saves change a public page call `invalidate_on_change(Model)` from their app's
`ready()`; anything else can call `invalidate()`. `cached_until_edited()` keeps other
staff-edited data (the self-check's wording) under the same generation.
"""

import contextlib
import contextvars
import gzip
import hashlib
import logging
import math
import threading
import time
import uuid

import brotli
from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.http.request import split_domain_port, validate_host
from django.middleware.security import SecurityMiddleware
from django.urls import Resolver404
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe

from . import contact
from .addresses import resolve_in_its_language, reverse_everywhere

logger = logging.getLogger(__name__)

# Only 200s are kept: a copy per unknown address would let anyone fill the cache.
STORED_STATUSES = {200}
# Cookie: the cache itself decides who gets a stored page (see _only_harmless_cookies).
ALLOWED_VARY = {"cookie", "accept-encoding"}
COMPRESSIBLE_TYPES = ("text/", "application/xml", "application/json", "image/svg+xml")
MIN_COMPRESSED_SIZE = 256
# Representation headers a 304 leaves out: the client already has them with the body.
NOT_IN_304 = {"content-length", "content-type", "content-encoding"}
STATUS_LINES = {200: "200 OK", 304: "304 Not Modified"}
# Entries from an earlier layout (another release) must never be read as ours.
SHARED_KEY_PREFIX = "page2"

STAFF_WARNING = (
    "Your change is saved, but the public site has not picked it up yet, so visitors may still "
    "see the old version. It will be tried again by itself. Please look at the site in a minute; "
    "if this message comes back, tell your web team."
)

_current_request = contextvars.ContextVar("page_cache_request", default=None)
_warned = set()


_lifetime_limits = []


def limit_lifetime(seconds_left):
    """Register `seconds_left(request) -> float or None`: no entry is kept past what it returns.

    For content that changes by the clock (a page's publish and take-down times) rather than
    by a save, which is what the generation tracks.
    """
    _lifetime_limits.append(seconds_left)
    return seconds_left


def _seconds_left(request):
    """The shortest time any registered limit leaves this response, or None for no limit."""
    limits = [limit(request) for limit in _lifetime_limits]
    limits = [max(1, math.ceil(seconds)) for seconds in limits if seconds is not None]
    return min(limits) if limits else None


def cache_public_page(view):
    """Mark a view whose anonymous GET responses are the same for every visitor."""
    view.page_cache = True
    return view


class _Memory:
    """What one process knows: the generation, when to ask again, and the pages it holds."""

    def __init__(self):
        self.generation = None  # (token, changed_at as a Unix time) or None before the first read
        self.fresh_until = 0.0
        self.database_down = False
        self.bump_pending = False
        self.pages = {}
        self.data = {}
        self.hosts = {}
        self.extra_hosts = set()
        # Part of every shared key; only clear() changes it (tests), so servers share entries.
        self.namespace = "0"
        self.lock = threading.Lock()


_memory = _Memory()


def clear():
    """Forget every page this process holds and ignore what earlier tests stored in Redis.

    Only this process: `invalidate_now()` is what reaches every server.
    """
    global _memory
    previous, memory = _memory, _Memory()
    memory.namespace = uuid.uuid4().hex[:12]
    if not previous.database_down:
        # Still the right generation; reading it again would only add a query.
        memory.generation, memory.fresh_until = previous.generation, previous.fresh_until
    _memory = memory


# --- The generation ----------------------------------------------------------------------------


def _read_generation():
    from .models import PageGeneration

    row = PageGeneration.objects.filter(pk=1).values_list("token", "changed_at").first()
    if row is None:
        PageGeneration.objects.get_or_create(pk=1, defaults={"token": uuid.uuid4().hex})
        row = PageGeneration.objects.filter(pk=1).values_list("token", "changed_at").get()
    return row[0], row[1].timestamp()


def _bump():
    from .models import PageGeneration

    values = {"token": uuid.uuid4().hex, "changed_at": timezone.now()}
    if not PageGeneration.objects.filter(pk=1).update(**values):
        PageGeneration.objects.update_or_create(pk=1, defaults=values)
    # This process asks again on its next request instead of trusting its memory.
    _memory.fresh_until = 0.0


def _bump_in_savepoint():
    try:
        # A savepoint: a failed bump must not undo (or break) the staff member's save.
        with transaction.atomic():
            _bump()
    except DatabaseError:
        logger.exception("Could not mark cached pages as out of date")
        return False
    return True


def _generation(memory):
    """(generation, database answered): from memory when it is recent enough."""
    now = time.monotonic()
    if now < memory.fresh_until:
        return memory.generation, not memory.database_down
    if memory.generation is not None:
        # One thread asks; the others go on with what is known, rather than all waiting on a
        # database that may take its whole connect timeout to fail.
        memory.fresh_until = now + settings.IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS
    if memory.bump_pending and _bump_in_savepoint():
        memory.bump_pending = False
    try:
        generation = _read_generation()
    except DatabaseError:
        _warn_once("The database did not answer; serving cached pages as they are")
        memory.database_down = True
        memory.fresh_until = now + settings.IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS
        return memory.generation, False
    if generation != memory.generation and (memory.generation or contact.unknown()):
        # Something was saved (or this process just started): error pages learn it too.
        contact.refresh()
    memory.generation = generation
    memory.database_down = False
    memory.fresh_until = now + settings.IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS
    return generation, True


def _tell_staff():
    request = _current_request.get()
    if request is None or getattr(request, "_page_cache_warned", False):
        return
    request._page_cache_warned = True
    messages.warning(request, STAFF_WARNING, fail_silently=True)


def _after_commit():
    # Once more after the commit, against a worker that rendered the old rows under the first
    # bump's generation. The first bump already made the save reach visitors, so a failure here
    # is only retried, without alarming the staff member.
    if not _bump_in_savepoint():
        _memory.bump_pending = True


def invalidate(**_signal_kwargs):
    """Make every cached page stale, on every server, as part of the current transaction."""
    if not _bump_in_savepoint():
        # Tried again at this process's next generation check, and the staff member is told.
        _memory.bump_pending = True
        _tell_staff()
    transaction.on_commit(_after_commit, robust=True)


def invalidate_on_change(*models):
    for model in models:
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(invalidate, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"{uid}-delete")


def invalidate_now():
    """Every server renders its pages afresh within seconds (after raw SQL, a restored backup)."""
    _bump()


def cached_until_edited(name, compute):
    """`compute()` once per generation: for data that changes only when staff save something.

    The generation is read before computing, so a value computed from rows an edit is
    replacing is never kept under the edit's generation.
    """
    memory = _memory
    generation, database_ok = _generation(memory)
    stored = memory.data.get(name)
    if stored is not None and (not database_ok or stored[0] == generation):
        return stored[1]
    value = compute()
    if database_ok:
        memory.data[name] = (generation, value)
    return value


# --- Which requests and responses ---------------------------------------------------------------


def _enabled():
    return not isinstance(caches[settings.IOP_PAGE_CACHE_ALIAS], DummyCache)


def _shared_cache():
    """The cache other processes read too, or None when the configured one is per process."""
    cache = caches[settings.IOP_PAGE_CACHE_ALIAS]
    return None if isinstance(cache, LocMemCache | DummyCache) else cache


def _scheme(meta):
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = meta.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return meta.get("wsgi.url_scheme", "http")


def _host(meta, scheme):
    """The Host a stored page may be kept under, or None: no page per made-up host or port."""
    server_port = str(meta.get("SERVER_PORT", ""))
    default_port = "443" if scheme == "https" else "80"
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in meta:
        raw = meta["HTTP_X_FORWARDED_HOST"]
    elif "HTTP_HOST" in meta:
        raw = meta["HTTP_HOST"]
    else:
        raw = meta.get("SERVER_NAME", "")
        if server_port and server_port != default_port:
            raw = f"{raw}:{server_port}"
    memory = _memory
    memo_key = (scheme, raw, server_port)
    found = memory.hosts.get(memo_key)
    if found is None:
        found = _normalised_host(raw, default_port, server_port, memory)
        if len(memory.hosts) < 256:
            memory.hosts[memo_key] = found
    return found or None


def _normalised_host(raw, default_port, server_port, memory):
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    domain, port = split_domain_port(raw)
    if not domain or not validate_host(domain, allowed):
        return ""  # Django answers 400 itself
    names = {name.lower() for name in allowed if name != "*" and not name.startswith(".")}
    # Pages carry absolute links built from the Host, so the key keeps it exactly as sent. The
    # site's own names on their usual port (or the one this server listens on) always qualify;
    # anything else (other ports, wildcard matches, odd case) only up to a few per process.
    if raw == raw.lower() and domain in names and port in ("", default_port, server_port):
        return raw
    with memory.lock:
        if raw in memory.extra_hosts:
            return raw
        if len(memory.extra_hosts) < settings.IOP_PAGE_CACHE_EXTRA_HOSTS:
            memory.extra_hosts.add(raw)
            return raw
    return ""


def _key(meta):
    scheme = _scheme(meta)
    host = _host(meta, scheme)
    if host is None:
        return None
    return scheme, host, meta.get("PATH_INFO", "")


def _shared_key(memory, key):
    digest = hashlib.md5("\n".join(key).encode("utf-8", "surrogatepass"), usedforsecurity=False)
    return f"{SHARED_KEY_PREFIX}:{memory.namespace}:{digest.hexdigest()}"


def _only_harmless_cookies(header):
    # A CSRF token alone says nothing about the visitor: the public pages carry no form.
    # A session or messages cookie may mean staff, or a message waiting to be shown.
    harmless = {settings.CSRF_COOKIE_NAME, *settings.IOP_PAGE_CACHE_IGNORED_COOKIES}
    for part in header.split(";"):
        name = part.split("=", 1)[0].strip()
        if name and name not in harmless:
            return False
    return True


def _request_may_use_cache(meta):
    cookie = meta.get("HTTP_COOKIE")
    return (
        not meta.get("QUERY_STRING")
        and "HTTP_AUTHORIZATION" not in meta
        and (not cookie or _only_harmless_cookies(cookie))
    )


def _never_cached_prefixes():
    # In every language: the request's own may not be the one active when this runs.
    prefixes = set()
    for name in ("admin:index", "screening:start"):
        prefixes |= reverse_everywhere(name)
    return tuple(sorted(prefixes))


def _response_may_be_stored(request, response):
    if request.method != "GET" or request.path.startswith(_never_cached_prefixes()):
        return False
    if response.status_code not in STORED_STATUSES or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    # A form's CSRF token is a secret: never shared, and never compressed (BREACH).
    return vary <= ALLOWED_VARY and b'name="csrfmiddlewaretoken"' not in response.content


def _warn_once(message):
    # Once per process: an outage must not flood the log with one line per request.
    if message not in _warned:
        _warned.add(message)
        logger.warning(message, exc_info=True)


# --- Entries ------------------------------------------------------------------------------------


def shared_cache_control(seconds_left=None):
    shared_max_age = settings.IOP_PAGE_CACHE_SHARED_MAX_AGE
    if seconds_left is not None:
        shared_max_age = min(shared_max_age, seconds_left)
    return (
        f"public, max-age=0, s-maxage={shared_max_age}, "
        f"stale-while-revalidate={settings.IOP_PAGE_CACHE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.IOP_PAGE_CACHE_STALE_IF_ERROR}"
    )


_encoding_choices = {}


def _preferred_encoding(accept_encoding):
    if not accept_encoding:
        return "identity"
    choice = _encoding_choices.get(accept_encoding)
    if choice is not None:
        return choice
    weights = {}
    for part in accept_encoding.split(","):
        name, _, parameters = part.partition(";")
        weight = 1.0
        parameters = parameters.strip().lower()
        if parameters.startswith("q="):
            try:
                weight = float(parameters[2:])
            except ValueError:
                weight = 0.0
        weights[name.strip().lower()] = weight

    def accepted(name):
        return weights.get(name, weights.get("*", 0.0)) > 0

    choice = "br" if accepted("br") else "gzip" if accepted("gzip") else "identity"
    if len(_encoding_choices) < 64:
        _encoding_choices[accept_encoding] = choice
    return choice


class Entry:
    """A stored page: each encoding's headers and body, and the 304 headers, ready to send."""

    __slots__ = ("etags", "expires_at", "generation", "last_modified", "status", "variants")

    def __init__(self, generation, status, variants, etags, last_modified, expires_at=None):
        self.generation = generation
        self.status = status
        self.variants = variants
        self.etags = etags
        self.last_modified = last_modified
        # A Unix time (a page's publish or take-down time) past which it is not served.
        self.expires_at = expires_at

    # The order of the pickled tuple; entries already in a shared cache are read back in it.
    _STATE = ("generation", "status", "variants", "etags", "last_modified", "expires_at")

    def __getstate__(self):
        return tuple(getattr(self, name) for name in self._STATE)

    def __setstate__(self, state):
        for name, value in zip(self._STATE, state, strict=True):
            setattr(self, name, value)

    def current(self, token):
        """Made under this generation (any, for None) and not past its clock-set end."""
        return (token is None or self.generation == token) and (
            self.expires_at is None or timezone.now().timestamp() < self.expires_at
        )

    def _not_modified(self, meta):
        if_none_match = meta.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            # Weak comparison, as RFC 9110 asks for If-None-Match: any encoding's tag matches.
            if if_none_match.strip() == "*":
                return True
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return not tags.isdisjoint(self.etags)
        since = parse_http_date_safe(meta.get("HTTP_IF_MODIFIED_SINCE", ""))
        return since is not None and self.last_modified <= since

    def answer(self, meta, method):
        """(status, headers, body) for this request."""
        headers, body, not_modified_headers = (
            self.variants.get(_preferred_encoding(meta.get("HTTP_ACCEPT_ENCODING")))
            or self.variants["identity"]
        )
        if (
            "HTTP_IF_NONE_MATCH" in meta or "HTTP_IF_MODIFIED_SINCE" in meta
        ) and self._not_modified(meta):
            return 304, not_modified_headers, b""
        return self.status, headers, body if method == "GET" else b""


def _compressed(body, content_type):
    if len(body) < MIN_COMPRESSED_SIZE or not content_type.startswith(COMPRESSIBLE_TYPES):
        return {}
    found = {
        "br": brotli.compress(body, quality=11, mode=brotli.MODE_TEXT),
        "gzip": gzip.compress(body, compresslevel=9, mtime=0),
    }
    return {name: data for name, data in found.items() if len(data) < len(body)}


def _make_entry(request, response, generation):
    # Headers the outer middleware adds on the way out (HSTS, referrer policy...), so that a hit
    # answered before Django runs at all carries them too.
    SecurityMiddleware(lambda request: response).process_response(request, response)
    body = response.content
    dropped = {"vary", "etag", "last-modified", "content-length", "content-encoding"}
    base = [(name, value) for name, value in response.items() if name.lower() not in dropped]
    seconds_left = _seconds_left(request)
    if "Cache-Control" not in response:
        base.append(("Cache-Control", shared_cache_control(seconds_left)))
    last_modified = int(generation[1])
    base += [("Last-Modified", http_date(last_modified)), ("Vary", "Accept-Encoding")]
    digest = hashlib.sha256(body).hexdigest()[:24]
    variants, etags = {}, set()
    encodings = {"identity": body, **_compressed(body, response.get("Content-Type", ""))}
    for encoding, data in encodings.items():
        etag = f'"{digest}"' if encoding == "identity" else f'"{digest}-{encoding}"'
        etags.add(etag)
        headers = [*base, ("ETag", etag), ("Content-Length", str(len(data)))]
        if encoding != "identity":
            headers.append(("Content-Encoding", encoding))
        not_modified = [(name, value) for name, value in headers if name.lower() not in NOT_IN_304]
        variants[encoding] = (headers, data, not_modified)
    expires_at = None if seconds_left is None else timezone.now().timestamp() + seconds_left
    return Entry(
        generation[0], response.status_code, variants, frozenset(etags), last_modified, expires_at
    )


def _to_response(answer):
    status, headers, body = answer
    if status == 304:
        response = HttpResponseNotModified()
        for name, value in headers:
            response[name] = value
        return response
    return HttpResponse(body, status=status, headers=dict(headers))


def _find(memory, key, token):
    entry = memory.pages.get(key)
    if entry is not None and entry.current(token):
        return entry
    shared = _shared_cache()
    if shared is None:
        return None
    try:
        found = shared.get(_shared_key(memory, key))
    except Exception:
        _warn_once("The page cache is unreachable; serving pages uncached")
        return None
    if isinstance(found, Entry) and found.current(token):
        _keep_locally(memory, key, found)
        return found
    return None


def _keep_locally(memory, key, entry):
    pages = memory.pages
    limit = settings.IOP_PAGE_CACHE_LOCAL_ENTRIES
    if key not in pages and len(pages) >= limit:
        with memory.lock:
            for old in [k for k, e in list(pages.items()) if e.generation != entry.generation]:
                pages.pop(old, None)
            while len(pages) >= limit:
                with contextlib.suppress(KeyError, RuntimeError, StopIteration):
                    pages.pop(next(iter(pages)))
    pages[key] = entry


_unshared = threading.local()


def _store(memory, key, entry):
    _keep_locally(memory, key, entry)
    shared = _shared_cache()
    if shared is not None:
        # Written once the response is sent: a slow or paused Redis must not hold the visitor.
        pending = getattr(_unshared, "entries", None)
        if pending is None:
            pending = _unshared.entries = []
        pending.append((shared, _shared_key(memory, key), entry))


def _share_stored_pages(**_signal_kwargs):
    pending = getattr(_unshared, "entries", None)
    if not pending:
        return
    _unshared.entries = []
    for shared, key, entry in pending:
        try:
            timeout = settings.IOP_PAGE_CACHE_TIMEOUT
            if entry.expires_at is not None:
                left = entry.expires_at - timezone.now().timestamp()
                timeout = max(1, min(timeout, math.ceil(left)))
            shared.set(key, entry, timeout)
        except Exception:
            # Only a lost chance to share the render: the generation is not in this cache.
            _warn_once("The page cache is unreachable; serving pages uncached")


request_finished.connect(_share_stored_pages, dispatch_uid="page-cache-share-stored-pages")


# --- Serving ------------------------------------------------------------------------------------


def _fast_answer(environ):
    method = environ.get("REQUEST_METHOD")
    if method != "GET" and method != "HEAD":
        return None
    memory = _memory
    if not memory.pages or time.monotonic() >= memory.fresh_until:
        return None
    outage = memory.database_down
    if not outage and not _request_may_use_cache(environ):
        return None
    scheme = _scheme(environ)
    if scheme != "https" and settings.SECURE_SSL_REDIRECT:
        return None  # Django redirects (or knows the address is exempt)
    host = _host(environ, scheme)
    if host is None:
        return None
    entry = memory.pages.get((scheme, host, environ.get("PATH_INFO", "")))
    if entry is None or not entry.current(None if outage else memory.generation[0]):
        return None
    return entry.answer(environ, method)


def wsgi(application):
    """Wrap the WSGI application: hits held in memory are answered before Django runs."""

    def serve(environ, start_response):
        answer = _fast_answer(environ)
        if answer is None:
            return application(environ, start_response)
        status, headers, body = answer
        start_response(STATUS_LINES[status], headers)
        return (body,)

    return serve


class PageCacheMiddleware:
    """Serve and store whole responses of views marked with `cache_public_page`.

    It must sit above every middleware that adds headers (security headers, CSP, frame
    options): a hit returns before they run, so the stored response has to carry what they
    added on the way out when it was first rendered. Only SecurityMiddleware (the HTTPS
    redirect must still happen) and WhiteNoise (static files never reach the cache) run before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def _render(self, request):
        # Saves made by this request can warn the staff member through it (see _tell_staff).
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not _enabled():
            return self._render(request)
        try:
            # This runs above the middleware that activates the address's language.
            view = resolve_in_its_language(request.path_info).func
        except Resolver404:
            return self._render(request)
        if not getattr(view, "page_cache", False):
            return self._render(request)
        meta = request.META
        key = _key(meta)
        if key is None:
            # Let the inner middleware refuse a bad Host, so the 400 carries the security headers.
            return self._render(request)
        memory = _memory
        generation, database_ok = _generation(memory)
        if not database_ok:
            # Nothing could be rendered anyway: every visitor, cookie or not, gets what we have.
            entry = _find(memory, key, None)
            if entry is None:
                return self._render(request)
            return _to_response(entry.answer(meta, request.method))
        if not _request_may_use_cache(meta):
            response = self._render(request)
            if "Cache-Control" not in response:
                # Perhaps a staff member's own view (drafts in the menu): no shared cache keeps it.
                response["Cache-Control"] = "private, no-cache"
            return response
        entry = _find(memory, key, generation[0])
        if entry is not None:
            return _to_response(entry.answer(meta, request.method))
        response = self._render(request)
        if _response_may_be_stored(request, response):
            entry = _make_entry(request, response, generation)
            _store(memory, key, entry)
            return _to_response(entry.answer(meta, request.method))
        if response.status_code == 404 and "Cache-Control" not in response:
            # An edge may absorb a flood of made-up addresses, briefly; we keep none of them.
            response["Cache-Control"] = (
                f"public, max-age=0, s-maxage={settings.IOP_PAGE_CACHE_SHARED_MAX_AGE}"
            )
        return response
