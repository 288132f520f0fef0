import contextlib
import copy
import datetime
import re
import secrets

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import FileResponse, Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from reversion.models import Version

from core.history import (
    NOT_TRANSLATED_HELP,
    StaleEditGuardForm,
    TranslatedHistoryAdmin,
)
from core.translation_status import language_name

from . import images
from .editor import allow_editor_scripts, rich_text_field
from .models import (
    DRAFT_FIELDS,
    LANGUAGE_CODES,
    PHONE_CHECK_DAYS,
    TRANSLATED_FIELDS,
    Page,
    SiteSettings,
    draft_values,
    in_every_language,
)
from .readability import TARGET_EASE, TARGET_GRADE, reading_report
from .sanitize import clean_html, removed_parts

PREVIEW_FIELDS = in_every_language(TRANSLATED_FIELDS)
BODIES = in_every_language(["body"])
# Pictures chosen in the form but not saved yet, kept only for Preview (served to staff only).
PREVIEW_PICTURE_DIR = "previews"
PREVIEW_PICTURE_NAME = re.compile(r"[0-9a-f]{32}\.(jpg|png|webp)")
PREVIEW_PICTURE_LIFETIME = datetime.timedelta(hours=1)


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


def preview_language(request):
    language = request.GET.get("language", settings.LANGUAGE_CODE)
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def reading_level_parts(report):
    """The score and the verdict in words, and a line per hardest sentence; None for too little."""
    if report.grade is None:
        return None
    if report.language == "es":
        verdict = (
            f"Below {TARGET_EASE}, harder than “fácil”: many visitors will find it hard. Try "
            "shorter sentences and shorter everyday words."
            if report.too_hard
            else f"Good: “fácil” or easier ({TARGET_EASE} or more)."
        )
        score = f"Reading ease {report.grade}, “{report.band}”"
        lines = [f"Ease {ease}: {text}" for text, ease in report.hard_sentences]
        return score, "(Fernández Huerta). " + verdict, lines
    verdict = (
        f"Above grade {TARGET_GRADE}: many visitors will find it hard. Try shorter sentences "
        "and everyday words."
        if report.too_hard
        else f"Good: grade {TARGET_GRADE} or lower."
    )
    lines = [f"Grade {grade}: {text}" for text, grade in report.hard_sentences]
    return f"Reading grade {report.grade}", "(Flesch-Kincaid). " + verdict, lines


def reading_level_html(report):
    parts = reading_level_parts(report)
    if parts is None:
        return "Not enough text yet to grade."
    score, verdict, lines = parts
    summary = format_html("<strong>{}</strong> {}", score, verdict)
    if not lines:
        return summary
    sentences = format_html_join("", "<li>{}</li>", ((line,) for line in lines))
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
    # Labelled "Page text (English)" / "(Spanish)" like the other columns (mark_language_fields).
    body_en = rich_text_field(label="Page text", help_text=Page._meta.get_field("body").help_text)
    body_es = rich_text_field(
        label="Page text",
        required=False,
        help_text=f"{NOT_TRANSLATED_HELP} {Page._meta.get_field('body').help_text}",
    )

    class Meta:
        model = Page
        fields = "__all__"
        error_messages = {
            "slug": {
                "unique": "Another page already uses this web address (slug). Choose a "
                "different one, for example by adding a word. Nothing has been saved yet."
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # The browser's maxlength cuts a long paste off without a word; a live counter
            # (static/admin/js/staff-forms.js) shows the limit and the server checks it.
            if getattr(field, "max_length", None) and "maxlength" in field.widget.attrs:
                del field.widget.attrs["maxlength"]
                field.widget.attrs["data-max-length"] = field.max_length
        grader = reverse("admin:content_page_reading_level")
        for name in in_every_language(["summary", "body"]):
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["data-reading-level"] = grader
                # Each language is graded by its own formula (static/admin/js/reading-level.js).
                attrs["data-reading-language"] = name.rsplit("_", 1)[1]
        # Editing a live page with a saved draft carries on from the draft, in both languages.
        if self.instance.pk and self.instance.draft:
            for name, value in draft_values(self.instance.draft).items():
                if name in self.fields:
                    self.initial[name] = value

    def full_clean(self):
        super().full_clean()
        chosen = self.files.get(self.add_prefix("image"))
        if chosen and self._errors and "image" not in self._errors:
            # Browsers never refill a file field, so say so rather than drop it silently.
            self.add_error(
                "image",
                f"The picture you chose ({chosen.name}) was not kept because of the problem "
                "noted on this page. Please choose it again before you save.",
            )

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if isinstance(upload, UploadedFile):
            return images.reencode_upload(upload)
        return upload


def side_by_side(name):
    """A text's English and Spanish boxes, one row each: static/admin/css/translations.css sets
    each pair side by side (a shared row would squeeze them and their reading notes)."""
    return in_every_language([name])


@admin.register(Page)
class PageAdmin(TranslatedHistoryAdmin):
    form = PageAdminForm

    class Media:
        js = ["admin/js/reading-level.js"]

    revision_form_template = "admin/content/page/revision_form.html"
    list_display = ["title", "thumbnail", "in_menu", "status", "updated_at"]
    list_display_links = ["title"]
    list_filter = ["in_menu", "is_published"]
    actions = ["move_up", "move_down"]
    search_fields = in_every_language(["title", "summary"])
    prepopulated_fields = {"slug": (f"title_{settings.LANGUAGE_CODE}",)}
    readonly_fields = ["reading_level", "picture_now"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    *side_by_side("title"),
                    "slug",
                    *side_by_side("summary"),
                    *side_by_side("body"),
                    "reading_level",
                ]
            },
        ),
        (
            "Publishing",
            {
                "fields": ["is_published", "publish_from", "unpublish_at"],
                "description": "Times are in the site's time zone. The page appears and "
                "disappears on time by itself; nobody needs to be at work.",
            },
        ),
        ("Picture", {"fields": ["picture_now", "image", *side_by_side("image_alt")]}),
        (
            "Menu",
            {
                "fields": ["in_menu", *side_by_side("nav_title")],
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

    def _thumbnail(self, obj, width):
        sources = obj.image_sources() if obj else []
        if not sources:
            return ""
        url = sources[0][0]
        height = round(obj.image_height * width / obj.image_width)
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" class="page-thumbnail">',
            url,
            width,
            height,
            obj.image_alt,
        )

    @admin.display(description="picture")
    def thumbnail(self, obj):
        return self._thumbnail(obj, 80)

    @admin.display(description="picture now")
    def picture_now(self, obj):
        return self._thumbnail(obj, 240) or "No picture yet."

    @admin.display(description="status", ordering="is_published")
    def status(self, obj):
        now = timezone.now()
        if not obj.is_published:
            status = "Draft"
        elif obj.publish_from and obj.publish_from > now:
            status = f"Scheduled for {timezone.localtime(obj.publish_from):%b %-d, %Y %-I:%M %p}"
        elif obj.unpublish_at and obj.unpublish_at <= now:
            status = "Taken down (its time passed)"
        else:
            status = "Published"
        if obj.draft:
            status += ", with unpublished changes"
        return status

    @admin.display(description="reading level (of the saved text)")
    def reading_level(self, obj):
        if obj is None or not obj.pk:
            return "Shown after you save, or press Preview to check it first."
        return format_html_join(
            "",
            "<div>{}: {}</div>",
            (
                (
                    language_name(language),
                    reading_level_html(reading_report(getattr(obj, f"body_{language}"), language))
                    if getattr(obj, f"body_{language}")
                    else "No text yet.",
                )
                for language in LANGUAGE_CODES
            ),
        )

    def version_preview_url(self, object_id, version):
        return reverse("admin:content_page_version_preview", args=[object_id, version.pk])

    def version_preview_view(self, request, object_id, version_id):
        """An old version rendered like the public page, before anyone restores it."""
        page = self.get_object(request, str(object_id))
        if page is None:
            raise Http404
        if not self.has_view_or_change_permission(request, page):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(page), pk=version_id)
        data = version.field_dict
        old = copy.copy(page)
        for name in [*PREVIEW_FIELDS, "in_menu"]:
            if name in data:
                setattr(old, name, data[name])
        for name in BODIES:
            setattr(old, name, clean_html(getattr(old, name) or ""))
        when = timezone.localtime(version.revision.date_created)
        return self._render_preview(request, old, {"version_saved_at": when}, switch=request.path)

    def _render_preview(self, request, page, preview, switch=None):
        """The public page template, as on the English site or as on /es/ (?language=es)."""
        language = preview_language(request)
        with translation.override(language):
            body = getattr(page, f"body_{language}")
            preview["reading"] = (
                reading_level_html(reading_report(body, language))
                if body
                else f"No {language_name(language)} page text yet, so none is graded."
            )
            if switch:
                # A saved version can be seen in the other language with one link.
                other = next(code for code in LANGUAGE_CODES if code != language)
                preview["switch"] = {
                    "url": f"{switch}?language={other}",
                    "language": other,
                    "label": "View in English" if other == "en" else "Ver en español",
                }
            response = render(
                request, "content/page_detail.html", {"page": page, "preview": preview}
            )
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_urls(self):
        return [
            path(
                "<int:object_id>/history/<int:version_id>/preview/",
                self.admin_site.admin_view(self.version_preview_view),
                name="content_page_version_preview",
            ),
            path(
                "reading-level/",
                self.admin_site.admin_view(self.reading_level_view),
                name="content_page_reading_level",
            ),
            path(
                "preview/picture/<str:name>",
                self.admin_site.admin_view(self.preview_picture_view),
                name="content_page_preview_picture",
            ),
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

    def reading_level_view(self, request):
        """The reading level of text being typed, for the live note under the field."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        # Without a language (e.g. older pages of the admin), the text is graded as English.
        language = request.POST.get("language", settings.LANGUAGE_CODE)
        report = reading_report(request.POST.get("text", "")[:100_000], language)
        parts = reading_level_parts(report)
        if parts is None:
            return JsonResponse({"summary": "Not enough text yet to grade.", "hard": []})
        score, verdict, lines = parts
        return JsonResponse({"summary": f"{score} {verdict}", "hard": lines})

    def _keep_preview_picture(self, picture):
        """Store a chosen picture for one preview, out of the public media; old ones expire."""
        cutoff = timezone.now() - PREVIEW_PICTURE_LIFETIME
        with contextlib.suppress(FileNotFoundError, NotImplementedError):
            for name in default_storage.listdir(PREVIEW_PICTURE_DIR)[1]:
                path = f"{PREVIEW_PICTURE_DIR}/{name}"
                if default_storage.get_modified_time(path) < cutoff:
                    default_storage.delete(path)
        width, height = get_image_dimensions(picture)
        picture.seek(0)
        extension = picture.name.rsplit(".", 1)[1]
        name = default_storage.save(
            f"{PREVIEW_PICTURE_DIR}/{secrets.token_hex(16)}.{extension}", picture
        )
        return {
            "url": reverse("admin:content_page_preview_picture", args=[name.rsplit("/", 1)[1]]),
            "width": width,
            "height": height,
        }

    def preview_picture_view(self, request, name):
        if not PREVIEW_PICTURE_NAME.fullmatch(name) or not self.has_view_or_change_permission(
            request
        ):
            raise Http404
        path = f"{PREVIEW_PICTURE_DIR}/{name}"
        if not default_storage.exists(path):
            raise Http404
        return FileResponse(
            default_storage.open(path), content_type=images.CONTENT_TYPES[name.rsplit(".", 1)[1]]
        )

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
        has_draft = bool(page.draft)
        if request.method == "GET":
            page = page.with_draft()
        errors = None
        removed = []
        picture_preview = None
        if request.method == "POST":
            saved_image = (page.image.name, page.image_width, page.image_height)
            form = self.get_form(request, page if page.pk else None, change=bool(page.pk))(
                request.POST, request.FILES, instance=page
            )
            form.is_valid()
            # Each message names its field: the preview tab does not show the form.
            errors = [
                (
                    form.fields[name].label if name in form.fields else "The page as a whole",
                    messages_,
                )
                for name, messages_ in form.errors.items()
            ]
            for name in PREVIEW_FIELDS:
                if name in form.cleaned_data:
                    setattr(page, name, form.cleaned_data[name])
            removed = removed_parts("".join(getattr(page, name) or "" for name in BODIES))
            for name in BODIES:
                setattr(page, name, clean_html(getattr(page, name) or ""))
            # A newly chosen picture is only stored (and resized) on save; the preview shows
            # a private copy instead.
            page.image.name, page.image_width, page.image_height = saved_image
            new_picture = form.cleaned_data.get("image")
            if isinstance(new_picture, ContentFile):
                picture_preview = self._keep_preview_picture(new_picture)
        preview = {
            "errors": errors,
            "unsaved": request.method == "POST",
            "draft": has_draft and request.method == "GET",
            "picture": picture_preview,
            "removed": removed,
        }
        return self._render_preview(
            request, page, preview, switch=request.path if request.method == "GET" else None
        )

    def get_view_on_site_url(self, obj=None):
        if obj is not None and obj.pk and not obj.is_published:
            # Drafts are a 404 on the site, even for staff; show them the preview instead.
            return reverse("admin:content_page_preview", args=[obj.pk])
        return super().get_view_on_site_url(obj)

    def _saving_draft(self, request, obj, change):
        if not change or "_save_draft" not in request.POST:
            return False
        live = Page.objects.filter(pk=obj.pk).first()
        return live is not None and live.is_live()

    def save_model(self, request, obj, form, change):
        if self._saving_draft(request, obj, change):
            # Only the draft is stored: the live row, and so the public page, stay as they are.
            who = request.user.get_full_name() or request.user.get_username()
            draft = {
                "fields": {name: form.cleaned_data.get(name) for name in DRAFT_FIELDS},
                "saved_at": timezone.now().isoformat(timespec="seconds"),
                "saved_by": who,
            }
            for name in BODIES:
                draft["fields"][name] = clean_html(draft["fields"][name] or "")
            Page.objects.filter(pk=obj.pk).update(draft=draft)
            request._page_saved_as_draft = True
            not_in_draft = [
                label
                for name, label in (
                    ("image", "picture"),
                    ("slug", "web address"),
                    ("publish_from", "publish time"),
                    ("unpublish_at", "take-down time"),
                    ("is_published", "Published box"),
                )
                if name in form.changed_data
            ]
            if not_in_draft:
                messages.warning(
                    request,
                    f"A draft keeps text only: your change to the {', '.join(not_in_draft)} "
                    "was NOT saved. Make it when you publish.",
                )
            return
        obj.draft = None
        if request.resolver_match.url_name == "content_page_recover" and obj.is_published:
            # A deleted page comes back as a draft, to be checked in Preview and then published.
            obj.is_published = False
            messages.info(
                request,
                f"“{obj}” is back as a draft: visitors cannot see it yet. Check it with "
                "Preview, then tick Published and press Save.",
            )
        if obj.is_published and obj.publish_from and obj.publish_from > timezone.now():
            when = timezone.localtime(obj.publish_from)
            messages.info(
                request,
                f"“{obj}” is saved but not shown yet: visitors will see it from "
                f"{when:%B %-d, %Y at %-I:%M %p}.",
            )
        if not change:
            # New pages join the end of the menu.
            last = Page.objects.order_by("-nav_order").values_list("nav_order", flat=True).first()
            obj.nav_order = (last or 0) + 1
        removed = removed_parts("".join(form.cleaned_data.get(name) or "" for name in BODIES))
        super().save_model(request, obj, form, change)
        if removed:
            messages.warning(
                request,
                "Some parts of the page text are not allowed on this site, so they were removed "
                f"when saving: {', '.join(removed)}. The rest of the text was saved.",
            )
        report = reading_report(obj.body_en)
        if report.too_hard:
            messages.warning(
                request,
                f"“{obj}” reads at grade {report.grade}. Aim for grade {TARGET_GRADE} or "
                "lower; open the page to see which sentences are hardest.",
            )
        spanish = reading_report(obj.body_es, "es")
        if obj.body_es and spanish.too_hard:
            messages.warning(
                request,
                f"The Spanish text of “{obj}” has a reading ease of {spanish.grade} "
                f"(“{spanish.band}”). Aim for {TARGET_EASE} or more (“fácil”); open the page to "
                "see which sentences are hardest.",
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and "_discard_draft" in request.POST:
            page = self.get_object(request, object_id)
            if page is None or not self.has_change_permission(request, page):
                raise PermissionDenied
            Page.objects.filter(pk=page.pk).update(draft=None)
            messages.success(
                request, f"The draft of “{page}” was thrown away. The published page is unchanged."
            )
            return redirect(request.path)
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        if getattr(request, "_page_saved_as_draft", False):
            messages.success(
                request,
                f"Your changes to “{obj}” are saved as a draft. Visitors still see the "
                "published version. Preview the draft, then press Save to publish it.",
            )
            return redirect(reverse("admin:content_page_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        extra_context = {**(extra_context or {}), "restoring": True}
        if request.method == "POST" and "_save_draft" in request.POST:
            # The old version becomes a draft of the live page: nothing is reverted, so
            # visitors keep seeing the page as it is until the draft is published.
            get_object_or_404(
                Version.objects.get_for_model(Page), pk=version_id, object_id=unquote(object_id)
            )
            request.POST = request.POST.copy()
            # The form was filled from the old version, not from the live row it is compared
            # with; a draft overwrites nothing visitors see, so there is nothing to guard.
            request.POST["edit_token"] = ""
            return self.changeform_view(request, object_id, request.path, extra_context)
        return super().revision_view(request, object_id, version_id, extra_context)

    def render_change_form(self, request, context, *args, **kwargs):
        obj = context.get("original")
        if obj is not None and obj.pk:
            context["page_is_live"] = obj.is_live()
            draft = Page.objects.filter(pk=obj.pk).values_list("draft", flat=True).first()
            if draft:
                saved_at = timezone.localtime(datetime.datetime.fromisoformat(draft["saved_at"]))
                context["page_draft"] = {"saved_by": draft["saved_by"], "saved_at": saved_at}
        response = super().render_change_form(request, context, *args, **kwargs)
        return allow_editor_scripts(request, response)

    def changelist_view(self, request, extra_context=None):
        warn_if_phone_unchecked(request)
        return super().changelist_view(request, extra_context)


@admin.register(SiteSettings)
class SiteSettingsAdmin(TranslatedHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "provider_name", "phone", "phone_verified_on"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "provider_name",
                    "phone",
                    *side_by_side("hours"),
                    "website",
                    "phone_verified_on",
                    *side_by_side("home_intro"),
                ]
            },
        )
    ]

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
