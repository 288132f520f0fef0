"""Which staff texts have their Spanish yet, for the visitor's note and the staff's markers.

Staff texts have a column per language (each app's translation.py, django-modeltranslation). An
empty Spanish column shows the English text; visitors are told so, and staff see what is missing.
"""

from django.conf import settings
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname


def translated_fields(model):
    """The names of the model's fields that have a column per language ([] if none), in order."""
    try:
        names = translator.get_options_for_model(model).fields
    except NotRegistered:
        return []
    # The options keep no order; staff read the fields in the order of the form.
    return [field.name for field in model._meta.fields if field.name in names]


def _text(obj, field, language):
    return (getattr(obj, build_localized_fieldname(field, language), None) or "").strip()


def missing_in(obj, language, fields=None):
    """The fields whose English text has no translation in `language` yet."""
    if language == settings.LANGUAGE_CODE:
        return []
    fields = fields or translated_fields(type(obj))
    return [
        field
        for field in fields
        if _text(obj, field, settings.LANGUAGE_CODE) and not _text(obj, field, language)
    ]


def shown_in_english(obj, *fields):
    """True when the page's language is not English and one of these shows English instead."""
    if obj is None:
        return False
    return bool(missing_in(obj, translation.get_language(), list(fields) or None))
