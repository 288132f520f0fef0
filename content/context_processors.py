from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import SiteSettings
from .navigation import articles, menu_pages


def site(request):
    return {
        "site": SimpleLazyObject(SiteSettings.current),
        "nav_pages": SimpleLazyObject(lambda: menu_pages(request)),
        "has_articles": SimpleLazyObject(lambda: bool(articles(request))),
        "quick_exit_url": settings.IOP_QUICK_EXIT_URL,
    }
