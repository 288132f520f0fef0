from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Site content"

    def ready(self):
        from core import pagecache

        from .models import Page, SiteSettings

        pagecache.invalidate_on_change(Page, SiteSettings)
