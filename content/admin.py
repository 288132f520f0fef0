from django.contrib import admin, messages
from django.db import models

from .models import PHONE_CHECK_DAYS, Page, SiteSettings


def warn_if_phone_unchecked(request):
    """Help lines change: nag staff on the pages they open most until someone re-checks it."""
    site = SiteSettings.current()
    if site.pk and site.phone_check_overdue():
        messages.warning(
            request,
            f"The phone number {site.phone} was last checked on "
            f"{site.phone_verified_on:%B %-d, %Y}, more than {PHONE_CHECK_DAYS} days ago. "
            "Please call it to make sure it still works, then update the date in Site settings.",
        )


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "nav_order", "is_published", "updated_at"]
    list_display_links = ["title"]
    list_editable = ["nav_order"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "is_published"]}),
        ("Menu", {"fields": ["nav_title", "nav_order"]}),
    ]

    def changelist_view(self, request, extra_context=None):
        warn_if_phone_unchecked(request)
        return super().changelist_view(request, extra_context)


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "provider_name", "phone", "phone_verified_on"]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        warn_if_phone_unchecked(request)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            warn_if_phone_unchecked(request)
        return super().change_view(request, object_id, form_url, extra_context)
