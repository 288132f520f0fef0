from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_cache_control

from core.history import HistoryAdmin

from . import totals
from .models import (
    AUDIENCE_CHOICES,
    OUTCOME_CHOICES,
    OutcomeCount,
    PathBenefit,
    Question,
    ResultText,
)


class WordingAdmin(HistoryAdmin):
    """Staff change the words; the fixed keys the rules use cannot be added or removed.

    HistoryAdmin keeps every save with who and when, lets staff restore an older wording, and
    refuses a save from a form someone else has changed since it was opened.
    """

    readonly_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(WordingAdmin):
    list_display = ["key", "text_me", "text_loved_one"]
    fieldsets = [
        (None, {"fields": ["key"]}),
        ("For someone checking for themselves", {"fields": ["text_me", "help_me"]}),
        ("For someone checking for a loved one", {"fields": ["text_loved_one", "help_loved_one"]}),
    ]


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
