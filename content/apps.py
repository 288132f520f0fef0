from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Site content"

    def ready(self):
        from . import (
            checks,  # noqa: F401 (registers the deploy checks)
            pagecache,
        )
        from .models import Page, SiteSettings

        pagecache.invalidate_on_change(Page, SiteSettings)
        # Data migrations change pages without sending save signals.
        post_migrate.connect(pagecache.invalidate, dispatch_uid="page-cache-post-migrate")
