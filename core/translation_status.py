"""What staff still have to translate, shown in the admin for every model with translation columns.

Nothing here needs the app admins to change: HistoryAdmin adds the list column and filter, the
admin home counts what is missing, and StaleEditGuardForm labels each language's box.
"""

import re

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Q
from django.db.models.functions import Trim
from django.db.models.lookups import Exact, IsNull
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from modeltranslation.utils import build_localized_fieldname

from .languages import missing_in, translated_fields

# The one language staff translate into; the column, filter and count are about it.
TRANSLATION = "es"
FILTER_PARAMETER = "spanish"
# modeltranslation names a language's column "title [es]"; our labels say the language in words.
LANGUAGE_SUFFIX = re.compile(r"\s*\[[a-z-]+\]$")


def language_name(code):
    """The language's name in English, as the (English) admin says it: "Spanish"."""
    return get_language_info(code)["name"]


def translation_of(model, name):
    """(the original field, the language) when `name` is one language's column, else None."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    original = getattr(field, "translated_field", None)
    return (original, field.language) if original is not None else None


def is_translated_original(field):
    """The field whose language columns hold its text; its own column copies one of them."""
    return field.name in translated_fields(field.model)


def field_label(field):
    """A field's label that names the language of a language column: "Title (Spanish)"."""
    original = getattr(field, "translated_field", None)
    if original is None:
        return capfirst(field.verbose_name)
    return f"{capfirst(original.verbose_name)} ({language_name(field.language)})"


def _blank(column):
    return IsNull(F(column), True) | Exact(Trim(column), "")


def missing_filter(model, language=TRANSLATION):
    """Rows with an English text that has no `language` text yet, like languages.missing_in."""
    condition = Q()
    for name in translated_fields(model):
        english = build_localized_fieldname(name, settings.LANGUAGE_CODE)
        condition |= ~_blank(english) & _blank(build_localized_fieldname(name, language))
    return condition


def missing_labels(obj, language=TRANSLATION):
    return [type(obj)._meta.get_field(name).verbose_name for name in missing_in(obj, language)]


def status_html(obj):
    missing = missing_labels(obj)
    if missing:
        return "Not translated yet: " + ", ".join(missing)
    return format_html(
        '<span aria-hidden="true">✓</span><span class="visually-hidden">{}</span>',
        f"All in {language_name(TRANSLATION)}",
    )


class MissingTranslationFilter(admin.SimpleListFilter):
    title = language_name(TRANSLATION)
    parameter_name = FILTER_PARAMETER

    def lookups(self, request, model_admin):
        return [("missing", "Missing"), ("complete", "Complete")]

    def queryset(self, request, queryset):
        missing = missing_filter(queryset.model)
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "complete":
            return queryset.exclude(missing)
        return queryset


def mark_language_fields(form):
    """Say each language column's language in its label, and to the browser (spelling, voice)."""
    model = form._meta.model
    for name, formfield in form.fields.items():
        found = translation_of(model, name)
        if found is None:
            continue
        original, language = found
        widget = formfield.widget
        # Wrappers (related-object buttons, modeltranslation's clear box) hold the real input.
        while hasattr(widget, "widget"):
            widget = widget.widget
        widget.attrs["lang"] = language
        widget.attrs["class"] = " ".join(
            [*widget.attrs.get("class", "").split(), f"translation-{language}"]
        )
        label = LANGUAGE_SUFFIX.sub("", str(formfield.label or capfirst(original.verbose_name)))
        # The same "Title (Spanish)" that modeltranslation's own labels get (settings).
        if language_name(language) not in label:
            label = f"{label} ({language_name(language)})"
        formfield.label = label


def missing_summary(app_list):
    """What is missing in Spanish per model the user may see, from the admin index's app list.

    One count query per translated model. Each row links to that model's list, filtered.
    """
    rows = []
    seen = False
    for app in app_list:
        for entry in app["models"]:
            model = entry.get("model")
            perms = entry.get("perms", {})
            if model is None or not translated_fields(model) or not entry.get("admin_url"):
                continue
            if not (perms.get("view") or perms.get("change")):
                continue
            seen = True
            count = model._default_manager.filter(missing_filter(model)).count()
            if count:
                rows.append(
                    {
                        "name": entry["name"],
                        "count": count,
                        "url": f"{entry['admin_url']}?{FILTER_PARAMETER}=missing",
                    }
                )
    return {
        "shown": seen,
        "rows": rows,
        "total": sum(row["count"] for row in rows),
        "language": language_name(TRANSLATION),
    }
