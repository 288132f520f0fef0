import copy

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode
from django_prose_editor.fields import ProseEditorFormField

from content.editor import EXTENSIONS, PRESET, RichTextWidget, allow_editor_scripts
from content.sanitize import removed_parts
from core.history import NOT_TRANSLATED_HELP, StaleEditGuardForm, TranslatedHistoryAdmin

from . import flow, rules, totals
from . import vocabulary as v
from .forms import AnswerForm
from .models import (
    AUDIENCE_CHOICES,
    OUTCOME_CHOICES,
    OutcomeCount,
    PageText,
    PathBenefit,
    Question,
    ResultText,
)
from .rich import as_rich
from .wording import RICH_FIELDS


class RichWording(ProseEditorFormField):
    """The page editor's field: what staff type is cleaned like a page body when it is saved."""

    def __init__(self, **kwargs):
        super().__init__(
            config={"extensions": EXTENSIONS}, preset=PRESET, widget=RichTextWidget, **kwargs
        )

    def clean(self, value):
        value = super().clean(value)
        self.removed = removed_parts(value)
        return as_rich(value)


class WordingForm(StaleEditGuardForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        rich = RICH_FIELDS.get(model._meta.model_name, [])
        # The same live reading grade as page text (static/admin/js/reading-level.js), which
        # posts data-reading-language: each language is graded by its own formula.
        grader = reverse("admin:content_page_reading_level")
        for name, field in list(self.fields.items()):
            if name != "edit_token" and isinstance(field, forms.CharField):
                field.widget.attrs["data-reading-level"] = grader
            db_field = _model_field(model, name)
            original = getattr(db_field, "translated_field", None)
            if original is None:
                continue
            language, label = db_field.language, field.label
            help_text = original.help_text
            if language == "es":
                help_text = f"{NOT_TRANSLATED_HELP} " + help_text.replace(
                    '"you"', '"usted"'
                ).replace('"your loved one", "they"', '"su ser querido", "la persona"')
            if original.name in rich:
                classes = field.widget.attrs.get("class", "")
                field = self.fields[name] = RichWording(required=field.required)
                if classes:
                    field.widget.attrs["class"] = classes
            field.label, field.help_text = label, help_text
            field.widget.attrs.update(
                {"lang": language, "data-reading-level": grader, "data-reading-language": language}
            )

    def removed(self):
        return sorted(
            {part for field in self.fields.values() for part in getattr(field, "removed", [])}
        )


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


class WordingAdmin(TranslatedHistoryAdmin):
    """Staff change the words; the fixed keys the rules use cannot be added or removed.

    Every save is kept with who and when, an older wording can be restored, a save from a form
    someone else has changed since is refused, and each text's English and Spanish sit side by
    side (core.history.TranslatedHistoryAdmin).
    """

    form = WordingForm
    readonly_fields = ["key"]

    class Media:
        js = ["admin/js/reading-level.js"]

    change_form_template = "admin/screening/wording_change_form.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        """The visitor's page with the unsaved wording from the form, for one audience."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        saved = self.get_object(request, str(object_id))
        if saved is None:
            raise Http404
        if not self.has_change_permission(request, saved):
            raise PermissionDenied
        who = v.LOVED_ONE if request.POST.get("_preview_for") == v.LOVED_ONE else v.ME
        # In the address, as the Spanish buttons' formaction: the form's fields stay the same.
        language = "es" if request.GET.get("language") == "es" else "en"
        record = copy.copy(saved)
        form = self.get_form(request, saved, change=True)(request.POST, instance=record)
        form.is_valid()
        for name, value in form.cleaned_data.items():
            if name in {field.name for field in self.model._meta.fields}:
                setattr(record, name, value)
        audience = (
            "someone checking for a loved one"
            if who == v.LOVED_ONE
            else "someone checking for themselves"
        )
        preview = {
            "who": f"{audience} on the Spanish site (/es/)" if language == "es" else audience,
            "errors": [
                (form.fields[name].label if name in form.fields else "The text as a whole", errs)
                for name, errs in form.errors.items()
            ],
            "removed": form.removed(),
        }
        # Rendered as the page at /es/ is: Spanish interface text, the Spanish columns (or the
        # English where Spanish is empty, with the note visitors see), Spanish addresses.
        shown_language, request.LANGUAGE_CODE = getattr(request, "LANGUAGE_CODE", None), language
        try:
            with translation.override(language):
                response = self.render_preview(request, record, who, preview)
        finally:
            request.LANGUAGE_CODE = shown_language
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response

    def render_preview(self, request, record, who, preview):
        result = self.preview_result(record)
        body = flow.preview_result_body(request, result, who, record)
        context = {"outcome": result.outcome, "result_body": body, "preview": preview}
        return render(
            request, "screening/preview.html", {**context, "preview_of": "screening/result.html"}
        )

    def render_change_form(self, request, context, *args, **kwargs):
        obj = context.get("original")
        if obj is not None and obj.pk:
            preview_url = reverse(
                f"admin:screening_{self.model._meta.model_name}_preview", args=[obj.pk]
            )
            context["wording_preview_url"] = preview_url
            context["wording_preview_url_es"] = f"{preview_url}?{urlencode({'language': 'es'})}"
        response = super().render_change_form(request, context, *args, **kwargs)
        return allow_editor_scripts(request, response)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        removed = form.removed()
        if removed:
            messages.warning(
                request,
                "Some parts of the text are not allowed on this site, so they were removed "
                f"when saving: {', '.join(removed)}. The rest of the text was saved.",
            )


@admin.register(Question)
class QuestionAdmin(WordingAdmin):
    list_display = ["key", "text_me", "text_loved_one"]
    fieldsets = [
        (None, {"fields": ["key"]}),
        ("For someone checking for themselves", {"fields": ["text_me", "help_me"]}),
        ("For someone checking for a loved one", {"fields": ["text_loved_one", "help_loved_one"]}),
    ]

    def render_preview(self, request, record, who, preview):
        step = flow.preview_step(record.key, who, record)
        form = AnswerForm(step=step, action="")
        context = {"form": form, "step": step, "started": True, "preview": preview}
        return render(
            request, "screening/preview.html", {**context, "preview_of": "screening/question.html"}
        )


@admin.register(ResultText)
class ResultTextAdmin(WordingAdmin):
    list_display = ["key", "heading_me", "heading_loved_one"]
    fieldsets = [
        (None, {"fields": ["key"]}),
        ("For someone checking for themselves", {"fields": ["heading_me", "body_me"]}),
        (
            "For someone checking for a loved one",
            {"fields": ["heading_loved_one", "body_loved_one"]},
        ),
    ]

    def preview_result(self, record):
        # A good fit is shown with every path, so all of its page can be checked at once.
        return rules.Result(record.key, v.PATHS if record.key == v.GOOD_FIT else ())


@admin.register(PageText)
class PageTextAdmin(WordingAdmin):
    list_display = ["key"]
    fieldsets = [
        (None, {"fields": ["key"]}),
        ("For someone checking for themselves", {"fields": ["text_me"]}),
        ("For someone checking for a loved one", {"fields": ["text_loved_one"]}),
    ]

    def render_preview(self, request, record, who, preview):
        if record.key != v.START_FACTS:
            return super().render_preview(request, record, who, preview)
        step = flow.SelfCheck({}).show(v.WHO)
        form = AnswerForm(step=step, action="", submit_label="Start the self-check")
        context = {
            "form": form,
            "step": step,
            "facts": record.worded_for(who)["text"],
            "preview": preview,
        }
        return render(
            request, "screening/preview.html", {**context, "preview_of": "screening/start.html"}
        )

    def preview_result(self, record):
        return rules.Result(v.TALK_IT_THROUGH)


@admin.register(PathBenefit)
class PathBenefitAdmin(WordingAdmin):
    list_display = ["key", "benefit_me"]
    fieldsets = [
        (None, {"fields": ["key"]}),
        (
            "For someone checking for themselves",
            {"fields": ["matched_me", "benefit_me", "warning_me"]},
        ),
        (
            "For someone checking for a loved one",
            {"fields": ["matched_loved_one", "benefit_loved_one", "warning_loved_one"]},
        ),
    ]

    def preview_result(self, record):
        return rules.Result(v.GOOD_FIT, (record.key,))


class SelfCheckTotalFilter(admin.ChoicesFieldListFilter):
    """A filter whose "Show counts" numbers are self-checks, not rows (a row is a day's count)."""

    def get_facet_counts(self, pk_attname, filtered_qs):
        rows = super().get_facet_counts(pk_attname, filtered_qs)
        return {key: Coalesce(Sum("count", filter=row.filter), 0) for key, row in rows.items()}


@admin.register(OutcomeCount)
class OutcomeCountAdmin(admin.ModelAdmin):
    """Read-only: the counts are made by completed self-checks, never typed in."""

    list_display = ["day", "outcome", "audience", "count"]
    list_filter = [("outcome", SelfCheckTotalFilter), ("audience", SelfCheckTotalFilter)]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("totals/", view(self.totals_view), name="screening_outcomecount_totals"),
            path("export.csv", view(self.export_view), name="screening_outcomecount_export"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            # The rows are days; staff want to know how many self-checks the filters cover.
            response.context_data["self_checks"] = changelist.queryset.aggregate(
                n=Coalesce(Sum("count"), 0)
            )["n"]
        return response

    def totals_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        weeks = totals.weekly(today)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Self-check totals",
            "weeks": weeks,
            "months": totals.monthly(today),
            "chart": totals.chart(weeks),
            "legend": totals.legend(),
            "outcomes": OUTCOME_CHOICES,
            "audiences": AUDIENCE_CHOICES,
        }
        return TemplateResponse(request, "admin/screening/outcomecount/totals.html", context)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = HttpResponse(totals.csv_text(), content_type="text/csv; charset=utf-8")
        filename = f"self-check-counts-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        # Counts only, but still nothing for a shared computer's cache to keep.
        patch_cache_control(response, no_store=True, private=True)
        return response
