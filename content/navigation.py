"""The published pages, fetched once per request.

The menu on every page, the cards on the home page, the articles index and the article itself
all come from this one list, so an uncached article costs two queries (this list and the site
settings).
"""

from .models import Page


def published_pages(request):
    if not hasattr(request, "_published_pages"):
        request._published_pages = list(Page.objects.published())
    return request._published_pages


def menu_pages(request):
    return [page for page in published_pages(request) if page.in_menu]


def articles(request):
    """Published pages outside the menu, newest first."""
    return sorted(
        (page for page in published_pages(request) if not page.in_menu),
        key=lambda page: page.created_at,
        reverse=True,
    )
