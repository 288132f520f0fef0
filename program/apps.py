from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "program"
    verbose_name = "Our program"

    def ready(self):
        from core import pagecache

        from . import models

        # Program facts show on cached public pages (the program page, the home page, footers).
        pagecache.invalidate_on_change(*models.CACHED_MODELS)
