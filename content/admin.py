from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from core.history import HistoryAdmin, StaleEditGuardForm

from . import images
from .editor import allow_editor_scripts, rich_text_field
from .models import PHONE_CHECK_DAYS, Page, SiteSettings
from .readability import TARGET_GRADE, reading_report
from .sanitize import clean_html, removed_parts

PREVIEW_FIELDS = ["title", "summary", "body", "nav_title", "image_alt"]


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


def reading_level_html(report):
    if report.grade is None:
        return "No text yet."
    verdict = (
        f"Above grade {TARGET_GRADE}: many visitors will find it hard. Try shorter sentences "
        "and everyday words."
        if report.too_hard
        else f"Good: grade {TARGET_GRADE} or lower."
    )
    summary = format_html(
        "<strong>Reading grade {}</strong> (Flesch-Kincaid). {}", report.grade, verdict
    )
    if not report.hard_sentences:
        return summary
    sentences = format_html_join(
        "", "<li>Grade {}: {}</li>", ((grade, text) for text, grade in report.hard_sentences)
    )
    return format_html(
        "{}<br>The sentences that are hardest to read:<ul>{}</ul>", summary, sentences
    )


class PageAdminForm(StaleEditGuardForm):
    # A plain file field: our own checks give clearer messages than ImageField's generic one.
    image = forms.FileField(
        label="Picture",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=Page._meta.get_field("image").help_text,
    )
    body = rich_text_field(label="Page text", help_text=Page._meta.get_field("body").help_text)

    class Meta:
        model = Page
        fields = "__all__"
        error_messages = {
            "slug": {
                "unique": "Another page already uses this web address (slug). Choose a "
                "different one, for example by adding a word. Nothing has been saved yet."
            }
        }

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if isinstance(upload, UploadedFile):
            return images.reencode_upload(upload)
        return upload


@admin.register(Page)
class PageAdmin(HistoryAdmin):
    form = PageAdminForm
    list_display = ["title", "in_menu", "status", "updated_at"]
    list_display_links = ["title"]
    list_filter = ["in_menu", "is_published"]
    actions = ["move_up", "move_down"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ["reading_level"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "summary", "body", "reading_level", "is_published"]},
        ),
        ("Picture", {"fields": ["image", "image_alt"]}),
        (
            "Menu",
            {
                "fields": ["in_menu", "nav_title"],
                "description": "To change the order of the menu, tick pages in the list of "
                "pages and choose “Move up in the menu” or “Move down in the menu”.",
            },
        ),
    ]

    def _move(self, request, queryset, step):
        menu = list(Page.objects.filter(in_menu=True))
        chosen = {page.pk for page in queryset if page.in_menu}
        if not chosen:
            messages.warning(request, "Only pages in the menu have a place in it to move.")
            return
        # Move each chosen page one place, starting at the end it moves towards, so that two
        # neighbours chosen together move as a block.
        positions = range(len(menu)) if step < 0 else range(len(menu) - 1, -1, -1)
        for index in positions:
            target = index + step
            if (
                menu[index].pk in chosen
                and 0 <= target < len(menu)
                and menu[target].pk not in chosen
            ):
                menu[index], menu[target] = menu[target], menu[index]
        for position, page in enumerate(menu, start=1):
            if page.nav_order != position:
                page.nav_order = position
                page.save(update_fields=["nav_order"])
        titles = ", ".join(page.nav_title for page in menu)
        messages.success(request, f"The menu now reads: {titles}.")

    @admin.action(description="Move up in the menu")
    def move_up(self, request, queryset):
        self._move(request, queryset, -1)

    @admin.action(description="Move down in the menu")
    def move_down(self, request, queryset):
        self._move(request, queryset, 1)

    @admin.display(description="status", ordering="is_published")
    def status(self, obj):
        return "Published" if obj.is_published else "Draft"

    @admin.display(description="reading level (of the saved text)")
    def reading_level(self, obj):
        if obj is None or not obj.pk:
            return "Shown after you save, or press Preview to check it first."
        return reading_level_html(reading_report(obj.body))

    def get_urls(self):
        return [
            path(
                "preview/",
                self.admin_site.admin_view(self.preview_view),
                name="content_page_preview_new",
            ),
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="content_page_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id=None):
        """Render the real page template with the saved draft (GET) or the unsaved form (POST)."""
        if object_id is None:
            if request.method != "POST" or not self.has_add_permission(request):
                raise PermissionDenied
            page = Page()
        else:
            page = self.get_object(request, str(object_id))
            if page is None:
                raise Http404
            if not self.has_change_permission(request, page):
                raise PermissionDenied
        errors = None
        removed = []
        if request.method == "POST":
            saved_image = (page.image.name, page.image_width, page.image_height)
            form = self.get_form(request, page if page.pk else None, change=bool(page.pk))(
                request.POST, request.FILES, instance=page
            )
            form.is_valid()
            errors = form.errors
            for name in PREVIEW_FIELDS:
                if name in form.cleaned_data:
                    setattr(page, name, form.cleaned_data[name])
            removed = removed_parts(page.body)
            page.body = clean_html(page.body)
            # A newly chosen picture is only stored (and resized) on save.
            page.image.name, page.image_width, page.image_height = saved_image
        context = {
            "page": page,
            "preview": {
                "errors": errors,
                "reading": reading_level_html(reading_report(page.body)),
                "unsaved": request.method == "POST",
                "removed": removed,
            },
        }
        response = render(request, "content/page_detail.html", context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_view_on_site_url(self, obj=None):
        if obj is not None and obj.pk and not obj.is_published:
            # Drafts are a 404 on the site, even for staff; show them the preview instead.
            return reverse("admin:content_page_preview", args=[obj.pk])
        return super().get_view_on_site_url(obj)

    def save_model(self, request, obj, form, change):
        if not change:
            # New pages join the end of the menu.
            last = Page.objects.order_by("-nav_order").values_list("nav_order", flat=True).first()
            obj.nav_order = (last or 0) + 1
        removed = removed_parts(form.cleaned_data.get("body"))
        super().save_model(request, obj, form, change)
        if removed:
            messages.warning(
                request,
                "Some parts of the page text are not allowed on this site, so they were removed "
                f"when saving: {', '.join(removed)}. The rest of the text was saved.",
            )
        report = reading_report(obj.body)
        if report.too_hard:
            messages.warning(
                request,
                f"“{obj}” reads at grade {report.grade}. Aim for grade {TARGET_GRADE} or "
                "lower; open the page to see which sentences are hardest.",
            )

    def render_change_form(self, request, context, *args, **kwargs):
        response = super().render_change_form(request, context, *args, **kwargs)
        return allow_editor_scripts(request, response)

    def changelist_view(self, request, extra_context=None):
        warn_if_phone_unchecked(request)
        return super().changelist_view(request, extra_context)


@admin.register(SiteSettings)
class SiteSettingsAdmin(HistoryAdmin):
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
