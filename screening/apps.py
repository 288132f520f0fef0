from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "screening"
    verbose_name = "Self-check"

    def ready(self):
        from core import pagecache

        from .models import PageText, PathBenefit, Question, ResultText

        # The self-check itself is never cached, but its wording may appear on cached pages.
        pagecache.invalidate_on_change(Question, ResultText, PathBenefit, PageText)
