"""History, undo and protection against two people editing the same thing, for any admin.

To give another model the same safety net, make its admin a `HistoryAdmin`:

    @admin.register(Question)
    class QuestionAdmin(HistoryAdmin):
        ...

That keeps every save (who and when) through django-reversion, lets staff restore old and deleted
versions, and refuses a save made from a form that someone else has changed in the meantime.
"""

import datetime
import difflib
import hashlib
import re

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core import checks
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import SlugField
from django.db.models.fields.files import FieldFile
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from modeltranslation.admin import TranslationAdmin, TranslationBaseModelAdmin
from reversion.admin import VersionAdmin
from reversion.models import Version

from .languages import translated_fields
from .translation_status import (
    MissingTranslationFilter,
    field_label,
    is_translated_original,
    mark_language_fields,
    missing_labels,
    status_html,
)

SHORT_VALUE = 120


def tracked_fields(model):
    return [
        field for field in model._meta.concrete_fields if field.editable and not field.primary_key
    ]


def compared_fields(model):
    # A translated field's own column repeats one language's text; each language has its column.
    return [field for field in tracked_fields(model) if not is_translated_original(field)]


def _fingerprint(value):
    if isinstance(value, FieldFile):
        value = value.name or ""
    return hashlib.sha256(repr(value).encode()).hexdigest()[:12]


def edit_token(instance):
    """A short summary of the saved values, to tell later whether anyone changed them."""
    return ",".join(
        f"{field.name}:{_fingerprint(field.value_from_object(instance))}"
        for field in tracked_fields(type(instance))
    )


def _seen(token):
    return dict(part.split(":", 1) for part in token.split(",") if ":" in part)


def fields_changed_since(token, instance):
    seen = _seen(token)
    return [
        field
        for field in tracked_fields(type(instance))
        if field.name in seen
        and seen[field.name] != _fingerprint(field.value_from_object(instance))
    ]


def describe_change(field, instance):
    value = field.value_from_object(instance)
    label = field_label(field)
    if isinstance(value, FieldFile):
        value = "a new picture" if value else "no picture"
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    text = str(value)
    if len(text) > SHORT_VALUE or "\n" in text:
        return f"{label} (changed)"
    return f"{label} is now “{text}”"


def last_saved_by(instance):
    version = Version.objects.get_for_object(instance).select_related("revision__user").first()
    user = version.revision.user if version else None
    if user is None:
        # E.g. the snapshot of the starting text, which records no editor.
        return ""
    who = user.get_full_name() or user.get_username()
    when = timezone.localtime(version.revision.date_created)
    return f" ({who} saved it at {when:%-I:%M %p} on {when:%B %-d})"


def _comparable(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return value.astimezone(datetime.UTC)
    return value


def _shown_value(value):
    if isinstance(value, FieldFile):
        return value.name or "no picture"
    if isinstance(value, bool):
        return "ticked" if value else "not ticked"
    if value in (None, ""):
        return "(empty)"
    return Truncator(strip_tags(str(value))).chars(400)


class StaleEditGuardForm(forms.ModelForm):
    """Merge with changes someone else saved after this form was opened, field by field.

    A field only the other person changed keeps their value; a field only this person changed
    keeps theirs; only a field both changed differently stops the save, with both versions shown.
    """

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.merged_fields = []
        mark_language_fields(self)
        if self.instance.pk:
            self.fields["edit_token"].initial = edit_token(self.instance)

    def _show_in_form(self, name, value):
        """Put their value in the re-shown form, so the next Save cannot undo it."""
        widget = self.fields[name].widget
        key = self.add_prefix(name)
        if isinstance(widget, forms.CheckboxInput):
            if value:
                self.data[key] = "on"
            else:
                self.data.pop(key, None)
        elif isinstance(widget, forms.SplitDateTimeWidget):
            local = timezone.localtime(value) if value else None
            self.data[f"{key}_0"] = local.strftime("%Y-%m-%d") if local else ""
            self.data[f"{key}_1"] = local.strftime("%H:%M:%S") if local else ""
        elif not isinstance(widget, forms.ClearableFileInput):
            self.data[key] = "" if value is None else str(value)

    def clean(self):
        cleaned_data = super().clean()
        token = cleaned_data.get("edit_token")
        if not token or not self.instance.pk:
            return cleaned_data
        # self.instance was read from the database for this request, before the form touched it.
        changed = fields_changed_since(token, self.instance)
        if not changed:
            return cleaned_data
        seen = _seen(token)
        self.data = self.data.copy()
        conflicts = []
        for field in changed:
            if field.name not in self.fields or field.name not in cleaned_data:
                continue  # Not on this form: their value stays as saved.
            theirs = field.value_from_object(self.instance)
            mine = _fingerprint(_comparable(cleaned_data[field.name]))
            if mine == seen[field.name]:
                # Untouched here: keep their change.
                cleaned_data[field.name] = theirs
                self.merged_fields.append(field)
                self._show_in_form(field.name, theirs)
            elif mine != _fingerprint(_comparable(theirs)):
                conflicts.append(field)
        if conflicts:
            # The next press of Save is a deliberate choice, made after seeing both versions.
            self.data[self.add_prefix("edit_token")] = edit_token(self.instance)
            for field in conflicts:
                theirs = _shown_value(field.value_from_object(self.instance))
                self.add_error(
                    field.name,
                    f"Someone else changed this too. Their version: “{theirs}”. Yours is in "
                    "the box. Keep yours and press Save again, or change it to theirs.",
                )
            raise ValidationError(
                "Someone else saved this after you opened it%(who)s, so your changes were NOT "
                "saved yet. You both changed: %(fields)s; both versions are shown below each "
                "of those fields. Their other changes (%(details)s) are kept and shown in the "
                "form. Choose what to keep, then press Save again.",
                code="stale",
                params={
                    "who": last_saved_by(self.instance),
                    "fields": ", ".join(field_label(field) for field in conflicts),
                    "details": "; ".join(
                        describe_change(field, self.instance) for field in self.merged_fields
                    )
                    or "none",
                },
            )
        return cleaned_data


BLOCK_BREAK = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def _lines(value):
    """A stored value as lines of plain text, one per paragraph, heading or list item."""
    if value is None:
        return [""]
    text = BLOCK_BREAK.sub("\n", str(value))
    return [line.strip() for line in strip_tags(text).splitlines() if line.strip()] or [""]


def changed_labels(model, older, newer):
    """Labels of the fields that differ between two versions' stored values."""
    return [
        field_label(field)
        for field in compared_fields(model)
        if (older or {}).get(field.attname) != newer.get(field.attname)
    ]


class HistoryAdmin(VersionAdmin):
    form = StaleEditGuardForm
    history_latest_first = True
    object_history_template = "admin/history_with_changes.html"

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        mro = type(self).__mro__
        if TranslationBaseModelAdmin in mro and mro.index(TranslationBaseModelAdmin) < mro.index(
            HistoryAdmin
        ):
            # modeltranslation's get_fieldsets does not call on, so the form would lose the
            # edit token and with it the guard against overwriting someone else's save.
            errors.append(
                checks.Error(
                    f"{type(self).__name__} puts TranslationAdmin before HistoryAdmin.",
                    hint=f"Write class {type(self).__name__}(HistoryAdmin, TranslationAdmin).",
                    obj=type(self),
                    id="iop.E001",
                )
            )
        return errors

    def get_list_display(self, request):
        list_display = list(super().get_list_display(request))
        if translated_fields(self.model) and "translation_status" not in list_display:
            list_display.append("translation_status")
        return list_display

    def get_list_filter(self, request):
        list_filter = list(super().get_list_filter(request))
        if translated_fields(self.model) and MissingTranslationFilter not in list_filter:
            list_filter.append(MissingTranslationFilter)
        return list_filter

    @admin.display(description="Spanish")
    def translation_status(self, obj):
        return status_html(obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and translated_fields(self.model):
            context["translation_missing"] = missing_labels(obj)
            if self.view_on_site and hasattr(obj, "get_absolute_url"):
                # The admin's own link follows the admin's language, English.
                with translation.override("es"):
                    context["spanish_absolute_url"] = obj.get_absolute_url()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def version_preview_url(self, object_id, version):
        """Where staff can see an old version as visitors would; None if there is no such view."""
        return None

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_compare",
            ),
            *super().get_urls(),
        ]

    def _versions(self, object_id):
        return list(
            Version.objects.get_for_object_reference(self.model, unquote(object_id))
            .select_related("revision__user")
            .order_by("-revision__date_created", "-pk")
        )

    def history_view(self, request, object_id, extra_context=None):
        versions = self._versions(object_id)
        rows = []
        for index, version in enumerate(versions):
            older = versions[index + 1] if index + 1 < len(versions) else None
            user = version.revision.user
            rows.append(
                {
                    "version": version,
                    "when": timezone.localtime(version.revision.date_created),
                    "who": (user.get_full_name() or user.get_username()) if user else "",
                    "changed": changed_labels(
                        self.model, older.field_dict if older else None, version.field_dict
                    )
                    if older
                    else [],
                    "first": older is None,
                    "comment": version.revision.get_comment(),
                    "restore_url": self._url("revision", quote(object_id), version.pk),
                    "preview_url": self.version_preview_url(object_id, version),
                    "compare_url": (
                        f"{self._url('compare', quote(object_id))}?a={older.pk}&b={version.pk}"
                        if older
                        else None
                    ),
                }
            )
        context = {"history_rows": rows, "compare_url": self._url("compare", quote(object_id))}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def compare_view(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        versions = {str(version.pk): version for version in self._versions(object_id)}
        first, second = versions.get(request.GET.get("a")), versions.get(request.GET.get("b"))
        if first is None or second is None:
            messages.error(request, "Choose two versions of this item to compare.")
            return redirect(self._url("history", quote(object_id)))
        older, newer = sorted([first, second], key=lambda v: v.revision.date_created)
        differ = difflib.HtmlDiff(wrapcolumn=60)
        when = "{:%B %-d, %Y, %-I:%M:%S %p}"
        fields = []
        for field in compared_fields(self.model):
            before = older.field_dict.get(field.attname)
            after = newer.field_dict.get(field.attname)
            if before == after:
                continue
            fields.append(
                {
                    "label": field_label(field),
                    # HtmlDiff escapes the text it is given and marks changes with classes only.
                    "table": differ.make_table(
                        _lines(before),
                        _lines(after),
                        when.format(timezone.localtime(older.revision.date_created)),
                        when.format(timezone.localtime(newer.revision.date_created)),
                    ),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object_id": object_id,
            "title": "Compare two versions",
            "older": older,
            "newer": newer,
            "fields": fields,
            "history_url": self._url("history", quote(object_id)),
        }
        return TemplateResponse(request, "admin/compare_versions.html", context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.fieldsets:
            first_name, first_options = fieldsets[0]
            fields = [*first_options["fields"], "edit_token"]
            fieldsets = [(first_name, {**first_options, "fields": fields}), *fieldsets[1:]]
        return fieldsets

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        merged = getattr(form, "merged_fields", [])
        if merged:
            messages.info(
                request,
                "Someone else saved changes while you were editing; theirs are kept along with "
                "yours: " + "; ".join(describe_change(field, obj) for field in merged) + ".",
            )

    def keep_current_version(self, objects, comment, user=None):
        """Record objects as they are now, in their own revision (e.g. before a delete)."""
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(comment)
            for obj in objects:
                reversion.add_to_revision(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            # Content made before history was switched on (e.g. the starting pages) would
            # otherwise have no version to go back to after its first edit.
            obj = self.get_object(request, object_id)
            if obj is not None and not Version.objects.get_for_object(obj).exists():
                # No editor recorded: nobody made this version through the admin.
                self.keep_current_version([obj], "As it was before the first edit here.")
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_model(self, request, obj):
        self.keep_current_version([obj], "As it was just before it was deleted.", request.user)
        super().delete_model(request, obj)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and request.POST.get("action") == "delete_selected":
            # VersionAdmin wraps the list in one revision, which drops versions of rows deleted
            # inside it; run the delete outside it so delete_queryset can keep them.
            context = {"has_change_permission": self.has_change_permission(request)}
            return admin.ModelAdmin.changelist_view(
                self, request, {**context, **(extra_context or {})}
            )
        return super().changelist_view(request, extra_context)

    def delete_queryset(self, request, queryset):
        self.keep_current_version(
            list(queryset), "As it was just before it was deleted.", request.user
        )
        super().delete_queryset(request, queryset)

    def unique_clashes(self, version):
        """Messages for unique values in `version` that another saved object now uses."""
        model = self.model
        data = version.field_dict
        clashes = []
        for field in model._meta.concrete_fields:
            if not field.unique or field.primary_key or field.attname not in data:
                continue
            other = (
                model._default_manager.filter(**{field.attname: data[field.attname]})
                .exclude(pk=version.object_id)
                .first()
            )
            if other is not None:
                label = "web address (slug)" if isinstance(field, SlugField) else field.verbose_name
                clashes.append(
                    f"This older version uses the {label} “{data[field.attname]}”, "
                    f"but “{other}” uses it now, and two cannot share it. Nothing was changed "
                    f"and the older version is still kept. Change the {label} of "
                    f"“{other}” first, then restore this version again."
                )
        return clashes

    def _restore_or_explain(self, request, version, view, back_url, *args):
        clashes = self.unique_clashes(version)
        for clash in clashes:
            messages.error(request, clash)
        if clashes:
            return redirect(back_url)
        try:
            return view(request, *args)
        except IntegrityError:
            messages.error(
                request,
                "This older version could not be restored because it clashes with something "
                "saved since. Nothing was changed and the older version is still kept.",
            )
            return redirect(back_url)

    def _url(self, name, *args):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(
            Version.objects.get_for_model(self.model), pk=version_id, object_id=unquote(object_id)
        )
        return self._restore_or_explain(
            request,
            version,
            super().revision_view,
            self._url("history", quote(object_id)),
            object_id,
            version_id,
            extra_context,
        )

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id)
        return self._restore_or_explain(
            request,
            version,
            super().recover_view,
            self._url("recoverlist"),
            version_id,
            extra_context,
        )


# What every Spanish box tells staff, under its own help text.
NOT_TRANSLATED_HELP = (
    "Shown on the Spanish site (/es/). Leave it empty until it is translated: the Spanish page "
    "then shows the English, with a short note in Spanish saying so."
)


class TranslatedHistoryAdmin(HistoryAdmin, TranslationAdmin):
    """HistoryAdmin for a model whose texts have a column per language, edited side by side.

    HistoryAdmin comes first: modeltranslation's get_fieldsets does not call on, so the other
    order would drop the edit token and with it the stale-edit guard (check iop.E001). Labels
    and lang attributes come from translation_status.mark_language_fields; the admin's
    translations.css sets each text's two rows side by side.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if field is not None and language not in (None, settings.LANGUAGE_CODE):
            own = db_field.translated_field.help_text
            field.help_text = f"{NOT_TRANSLATED_HELP} {own}".strip()
        return field
