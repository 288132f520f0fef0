from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Page, SiteSettings


def site(request):
    return {
        "site": SimpleLazyObject(SiteSettings.current),
        "nav_pages": SimpleLazyObject(lambda: list(Page.objects.published())),
        "quick_exit_url": settings.QUICK_EXIT_URL,
    }
