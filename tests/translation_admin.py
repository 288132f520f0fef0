"""A modeltranslation admin on an admin site of its own, to test the two-language form before the
app admins switch to TranslationAdmin (and without touching the site's own admin)."""

from django.contrib import admin
from django.urls import path
from modeltranslation.admin import TranslationAdmin

from core.history import HistoryAdmin
from iop_site.urls import urlpatterns as site_urlpatterns
from program.models import ProgramFacts


class SideBySideFactsAdmin(TranslationAdmin, HistoryAdmin):
    fieldsets = [(None, {"fields": ["hours_per_week", "who_for", "insurance"]})]


side_by_side_site = admin.AdminSite(name="side_by_side")
side_by_side_site.register(ProgramFacts, SideBySideFactsAdmin)

# For @pytest.mark.urls("tests.translation_admin"): this site at /side-by-side/, the rest as usual.
urlpatterns = [path("side-by-side/", side_by_side_site.urls), *site_urlpatterns]
