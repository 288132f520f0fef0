"""The published pages, fetched once per request.

The menu on every page, the cards on the home page, the articles index and the article itself
all come from this one list, so an uncached article costs two queries (this list and the site
settings).
"""

from django.utils import timezone

from .models import Page


def _load(request):
    # Pages with a publish or take-down time come along (still one query), so the page cache
    # can tell when the next one appears or goes without asking the database again.
    now = timezone.now()
    ticked = list(Page.objects.filter(is_published=True))
    request._published_pages = [page for page in ticked if page.is_live(now)]
    changes = [
        time
        for page in ticked
        for time in (page.publish_from, page.unpublish_at)
        if time is not None and time > now
    ]
    request._next_page_change = min(changes) if changes else None


def published_pages(request):
    if not hasattr(request, "_published_pages"):
        _load(request)
    return request._published_pages


def seconds_to_next_change(request):
    """For the page cache: seconds until a page appears or goes by its own times, or None.

    None too for a response that never read the list of pages: the times cannot change it.
    """
    when = getattr(request, "_next_page_change", None)
    return None if when is None else (when - timezone.now()).total_seconds()


def menu_pages(request):
    return [page for page in published_pages(request) if page.in_menu]


def articles(request):
    """Published pages outside the menu, newest first."""
    return sorted(
        (page for page in published_pages(request) if not page.in_menu),
        key=lambda page: page.created_at,
        reverse=True,
    )
