"""The published pages, fetched once per request.

The menu on every page, the cards on the home page and the article itself all come from this
one list, so an uncached article costs two queries (this list and the site settings).
"""

from .models import Page


def published_pages(request):
    if not hasattr(request, "_published_pages"):
        request._published_pages = list(Page.objects.published())
    return request._published_pages
