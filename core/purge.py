"""Tell the edge (Varnish or a CDN in front of the site) which addresses a staff save changed.

The edge keeps whole pages for minutes, so without this a staff edit would wait for those copies
to expire. After the save's transaction commits, the purger named by IOP_EDGE_PURGER is asked
to drop the addresses that show what changed:
- a page: its own address (the old one too when the slug changed), the pages that list it (home,
  the articles index, the sitemap), and every page when the menu changes (it is on all of them);
- the site settings (the phone number is on every page) or the self-check's wording: everything.

The first attempt runs before the staff member's response is sent, so a save is reported as done
only once visitors get it. If the edge does not answer, the save still stands: the failure is
logged, the staff member is told that visitors may see the old version for a while, and a
background thread tries again a few times with growing pauses.
"""

import logging
import re
import threading
import time
import urllib.error
import urllib.request

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.utils.module_loading import import_string

from .addresses import reverse_everywhere

logger = logging.getLogger(__name__)

EVERYTHING = frozenset({"/"})  # a prefix of every address: drop the whole site
# Seconds past the page cache's check window before the follow-up purge (clock and scheduling).
FOLLOW_UP_MARGIN = 0.5
# Pages that list every published page (named URLs; any not defined yet are skipped).
LISTING_URL_NAMES = ["content:home", "content:articles", "sitemap"]
# What the menu shows of a page: a change to any of these changes every page.
MENU_FIELDS = ["slug", "title", "nav_title", "nav_order", "is_published", "in_menu"]
# Saves of these change text that may be on any page.
SITE_WIDE_MODELS = [
    "content.SiteSettings",
    "screening.Question",
    "screening.ResultText",
    "screening.PathBenefit",
    # The program's facts and notices show in every footer, the organisation data and the home page.
    *(
        f"program.{name}"
        for name in [
            "ProgramFacts",
            "Track",
            "Location",
            "OpeningHours",
            "Credential",
            "Reviewer",
            "ArticleReview",
            "Notices",
        ]
    ),
]
STAFF_WARNING = (
    "Your change is saved. The copy of the site that visitors are sent has not updated yet, "
    "so some of them may see the old version for a few minutes. The site keeps trying; "
    "you do not need to save again."
)


class NullPurger:
    """No edge in front (the default): nothing to tell."""

    def purge(self, paths):
        pass


class VarnishPurger:
    """Send a BAN for the changed addresses to each Varnish server (see deploy/varnish.vcl).

    A ban drops every stored copy whose address matches, whatever its host, scheme, compression
    or query string. Varnish accepts it only from the addresses in its `purgers` list.
    """

    def __init__(self, urls=None, timeout=None):
        self.urls = list(urls if urls is not None else settings.IOP_EDGE_PURGE_URLS)
        self.timeout = timeout if timeout is not None else settings.IOP_EDGE_PURGE_TIMEOUT

    def purge(self, paths):
        pattern = address_pattern(paths)
        for url in self.urls:
            request = urllib.request.Request(  # noqa: S310 - our own configured edge servers
                url, method="BAN", headers={"X-Ban-Url": pattern}
            )
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                if response.status != 200:
                    raise urllib.error.HTTPError(url, response.status, "ban refused", None, None)


def address_pattern(paths):
    """A regular expression (PCRE, as Varnish reads it) matching these paths, any query string."""
    if paths == EVERYTHING:
        return "^/"
    return "^(" + "|".join(re.escape(path) for path in sorted(paths)) + r")(\?.*)?$"


_purger = None


def get_purger():
    global _purger
    if _purger is None:
        _purger = import_string(settings.IOP_EDGE_PURGER)()
    return _purger


def _forget_purger(setting, **_kwargs):
    global _purger
    if setting.startswith("IOP_EDGE_PURGE"):
        _purger = None


setting_changed.connect(_forget_purger, dispatch_uid="edge-purge-setting-changed")


# --- Which addresses a save changes ------------------------------------------------------------


def _menu_view(values):
    return {field: values.get(field) for field in MENU_FIELDS}


def page_addresses(before, after):
    """Addresses to drop when a page goes from `before` to `after` (dicts of field values;
    None when the page did not exist or no longer does)."""
    versions = [v for v in (before, after) if v is not None]
    if any(v.get("is_published") for v in versions):
        old_menu = _menu_view(before) if before else None
        new_menu = _menu_view(after) if after else None
        if old_menu != new_menu:
            return EVERYTHING
    paths = set()
    for version in versions:
        paths |= reverse_everywhere("content:page", slug=version["slug"])
    for name in LISTING_URL_NAMES:
        paths |= reverse_everywhere(name)
    return frozenset(paths)


def _field_values(instance):
    return {
        field: getattr(instance, field) for field in MENU_FIELDS if hasattr(instance, field)
    } | {"slug": instance.slug}


def _remember_page_before_save(sender, instance, raw=False, **_kwargs):
    before = None
    if instance.pk is not None and not raw:
        fields = [f for f in MENU_FIELDS if hasattr(instance, f)]
        before = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    instance._edge_before = before


def _page_saved(sender, instance, raw=False, **_kwargs):
    if raw:
        return
    before = getattr(instance, "_edge_before", None)
    purge_after_commit(page_addresses(before, _field_values(instance)))


def _page_deleted(sender, instance, **_kwargs):
    purge_after_commit(page_addresses(_field_values(instance), None))


def _site_wide_change(sender, raw=False, **_kwargs):
    if not raw:
        purge_after_commit(EVERYTHING)


def _after_migrate(sender, **_kwargs):
    # Data migrations change pages without sending save signals.
    purge_after_commit(EVERYTHING)


def connect_signals():
    # Once per migrate run: post_migrate is sent for every app, this one's is enough.
    post_migrate.connect(
        _after_migrate, sender=apps.get_app_config("core"), dispatch_uid="edge-post-migrate"
    )
    page = apps.get_model("content", "Page")
    pre_save.connect(_remember_page_before_save, sender=page, dispatch_uid="edge-page-pre")
    post_save.connect(_page_saved, sender=page, dispatch_uid="edge-page-save")
    post_delete.connect(_page_deleted, sender=page, dispatch_uid="edge-page-delete")
    for label in SITE_WIDE_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        uid = f"edge-{model._meta.label_lower}"
        post_save.connect(_site_wide_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_site_wide_change, sender=model, dispatch_uid=f"{uid}-delete")


# --- Sending, retrying, and telling the staff member ----------------------------------------------

_request_state = threading.local()


def purge_after_commit(paths):
    if isinstance(get_purger(), NullPurger):
        return
    transaction.on_commit(lambda: purge_now(paths), robust=True)


def purge_now(paths):
    """One attempt now; on failure, warn the staff member and keep trying in the background."""
    started = time.monotonic()
    try:
        get_purger().purge(paths)
    except Exception:
        logger.warning("The edge did not take a purge; retrying in the background", exc_info=True)
        _request_state.failed = True
        _retry_in_background(paths, list(settings.IOP_EDGE_PURGE_RETRY_DELAYS))
        return
    logger.info("Edge purge of %s took %.1f ms", _describe(paths), _ms_since(started))
    # Other app processes may go on serving the old page from memory until they next check
    # whether anything was saved; an edge fetch in that window would keep the old page again.
    # So the same purge goes once more after that window.
    window = settings.IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS
    if window:
        _retry_in_background(paths, [window + FOLLOW_UP_MARGIN], follow_up=True)


def _retry_in_background(paths, delays, follow_up=False):
    # The short follow-up also holds a management command's exit for its few seconds; retries
    # of a failed purge do not outlive the process.
    thread = threading.Thread(target=_retry, args=(paths, delays, follow_up), daemon=not follow_up)
    thread.start()
    return thread


def _retry(paths, delays, follow_up=False):
    for attempt, delay in enumerate(delays, start=2):
        time.sleep(delay)
        try:
            get_purger().purge(paths)
        except Exception:
            logger.warning("Edge purge attempt %d failed", attempt, exc_info=True)
            if follow_up:
                # The first purge was taken; this one is worth its own retries.
                return _retry(paths, list(settings.IOP_EDGE_PURGE_RETRY_DELAYS))
        else:
            logger.info("Edge purge of %s succeeded on attempt %d", _describe(paths), attempt)
            return True
    logger.error(
        "The edge never took the purge of %s; visitors get the old version until it expires",
        _describe(paths),
    )
    return False


def _describe(paths):
    return "every page" if paths == EVERYTHING else ", ".join(sorted(paths))


def _ms_since(started):
    return (time.monotonic() - started) * 1000


class EdgePurgeWarningMiddleware:
    """Tell the staff member when their save has not reached the edge yet (below messages)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request_state.failed = False
        response = self.get_response(request)
        if _request_state.failed and hasattr(request, "_messages"):
            messages.warning(request, STAFF_WARNING)
        _request_state.failed = False
        return response
