"""A modeltranslation admin on an admin site of its own, to test the two-language form before the
app admins switch to TranslationAdmin (and without touching the site's own admin)."""

from django.contrib import admin
from django.urls import path
from modeltranslation.admin import TranslationAdmin

from content.editor import allow_editor_scripts, rich_text_field
from core.history import HistoryAdmin, StaleEditGuardForm
from iop_site.urls import urlpatterns as site_urlpatterns
from program.models import ProgramFacts


class SideBySideFactsForm(StaleEditGuardForm):
    # Declared the way an app form gives both languages the rich-text editor.
    first_week_en = rich_text_field(required=False)
    first_week_es = rich_text_field(required=False)

    class Meta:
        model = ProgramFacts
        fields = "__all__"


class SideBySideFactsAdmin(HistoryAdmin, TranslationAdmin):
    form = SideBySideFactsForm
    fieldsets = [(None, {"fields": ["hours_per_week", "who_for", "insurance", "first_week"]})]

    def render_change_form(self, request, context, *args, **kwargs):
        response = super().render_change_form(request, context, *args, **kwargs)
        return allow_editor_scripts(request, response)


side_by_side_site = admin.AdminSite(name="side_by_side")
side_by_side_site.register(ProgramFacts, SideBySideFactsAdmin)

# For @pytest.mark.urls("tests.translation_admin"): this site at /side-by-side/, the rest as usual.
urlpatterns = [path("side-by-side/", side_by_side_site.urls), *site_urlpatterns]
