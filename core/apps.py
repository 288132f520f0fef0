from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from . import (
            checks,  # noqa: F401 (registers the deploy checks)
            contact,
            pagecache,
            purge,
        )

        purge.connect_signals()
        # Data migrations change pages without sending save signals.
        post_migrate.connect(pagecache.invalidate, dispatch_uid="page-cache-post-migrate")
        post_migrate.connect(contact.on_migrate, dispatch_uid="contact-post-migrate")
        post_save.connect(
            contact.on_site_settings_saved,
            sender="content.SiteSettings",
            dispatch_uid="contact-site-settings-save",
        )
