from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from . import (
            checks,  # noqa: F401 (registers the deploy checks)
            pagecache,
            purge,
        )

        purge.connect_signals()
        # Data migrations change pages without sending save signals.
        post_migrate.connect(pagecache.invalidate, dispatch_uid="page-cache-post-migrate")
