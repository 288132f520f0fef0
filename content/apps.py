from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Site content"

    def ready(self):
        from core import pagecache

        from .models import Page, SiteSettings
        from .navigation import seconds_to_next_change

        pagecache.invalidate_on_change(Page, SiteSettings)
        pagecache.limit_lifetime(seconds_to_next_change)
