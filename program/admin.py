from django import forms
from django.contrib import admin
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse

from core.history import HistoryAdmin, StaleEditGuardForm, TranslatedHistoryAdmin

from .models import (
    WEEKDAYS,
    ArticleReview,
    Credential,
    Location,
    Notices,
    OpeningHours,
    ProgramFacts,
    Reviewer,
    Track,
)


class DaysFormMixin:
    """Show a "Mo,We,Fr" field as seven tick boxes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("days")
        if field is not None:
            self.fields["days"] = forms.MultipleChoiceField(
                label=field.label,
                help_text=field.help_text,
                choices=WEEKDAYS,
                widget=forms.CheckboxSelectMultiple,
                initial=(self.instance.days or "").split(",") if self.instance.days else [],
            )

    def clean_days(self):
        return ",".join(self.cleaned_data["days"])


class TrackForm(DaysFormMixin, StaleEditGuardForm):
    class Meta:
        model = Track
        fields = ["name_en", "name_es", "days", "starts_at", "ends_at", "format", "order"]


class OpeningHoursForm(DaysFormMixin, forms.ModelForm):
    class Meta:
        model = OpeningHours
        fields = ["days", "opens", "closes"]


def both(*names):
    """Each text's English and Spanish boxes, one row each: static/admin/css/translations.css
    sets each pair side by side."""
    return [f"{name}_{language}" for name in names for language in ("en", "es")]


class SingletonAdmin(HistoryAdmin):
    """One record: the list goes straight to it, and it cannot be added twice or deleted."""

    def has_add_permission(self, request):
        # The list opens the one record (making it on first use), so there is nothing to add.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        obj = self.model.current()
        if obj.pk is None:
            obj.save()
        opts = self.model._meta
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))


@admin.register(ProgramFacts)
class ProgramFactsAdmin(SingletonAdmin, TranslatedHistoryAdmin):
    fieldsets = [
        (
            "How the program runs",
            {"fields": ["hours_per_week", "format", *both("who_for")]},
        ),
        ("Cost", {"fields": both("insurance", "self_pay", "cost_help")}),
        (
            "What to expect",
            {"fields": both("first_week", "family_support", "medication", "relapse")},
        ),
        ("For search engines", {"fields": ["medical_specialty"]}),
    ]


@admin.register(Track)
class TrackAdmin(TranslatedHistoryAdmin):
    form = TrackForm
    list_display = ["name", "days_text", "times_text", "format", "order"]
    list_editable = ["order"]
    fieldsets = [
        (None, {"fields": [*both("name"), "days", "starts_at", "ends_at", "format", "order"]})
    ]

    @admin.display(description="days")
    def days_text(self, obj):
        return obj.days_text

    @admin.display(description="times")
    def times_text(self, obj):
        return obj.times_text


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    form = OpeningHoursForm
    extra = 1


@admin.register(Location)
class LocationAdmin(TranslatedHistoryAdmin):
    inlines = [OpeningHoursInline]
    list_display = ["name", "street_address", "city", "order"]
    list_editable = ["order"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    *both("name"),
                    "street_address",
                    "city",
                    "state",
                    "postal_code",
                    "phone",
                ]
            },
        ),
        ("Finding it", {"fields": [*both("access", "directions"), "order"]}),
    ]


@admin.register(Credential)
class CredentialAdmin(TranslatedHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "issuer", "number", "order"]
    list_editable = ["order"]
    list_filter = ["kind"]
    fieldsets = [
        (
            None,
            {"fields": ["kind", *both("name"), "issuer", "number", "verify_url", "order"]},
        )
    ]


@admin.register(Reviewer)
class ReviewerAdmin(HistoryAdmin):
    list_display = ["name", "credentials"]
    search_fields = ["name"]
    fieldsets = [(None, {"fields": ["name", "credentials"]})]


@admin.register(ArticleReview)
class ArticleReviewAdmin(HistoryAdmin):
    list_display = ["page", "reviewer", "reviewed_on", "is_overdue"]
    list_filter = ["reviewer"]
    autocomplete_fields = ["reviewer"]
    fieldsets = [(None, {"fields": ["page", "reviewer", "reviewed_on"]})]

    @admin.display(boolean=True, description="over 12 months old")
    def is_overdue(self, obj):
        return obj.overdue()


@admin.register(Notices)
class NoticesAdmin(SingletonAdmin, TranslatedHistoryAdmin):
    fieldsets = [
        (
            "Notice of nondiscrimination",
            {"fields": ["nondiscrimination_on", *both("nondiscrimination")]},
        ),
        (
            "Free language help",
            {"fields": ["language_help_on", *both("language_help"), "taglines"]},
        ),
    ]
