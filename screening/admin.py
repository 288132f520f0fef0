from django.contrib import admin

from core.history import HistoryAdmin

from .models import OutcomeCount, PathBenefit, Question, ResultText


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


@admin.register(OutcomeCount)
class OutcomeCountAdmin(admin.ModelAdmin):
    """Read-only: the counts are made by completed self-checks, never typed in."""

    list_display = ["day", "outcome", "count"]
    list_filter = ["outcome"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
