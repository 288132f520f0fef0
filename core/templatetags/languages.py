"""Marks staff text that a Spanish page shows in English because nobody has translated it yet.

<div {% fallback_lang page "body" %}>{{ page.body }}</div>   lang="en" on the English text
{% only_in_english page "body" "title" %}                    a short note, in Spanish
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html

from core.languages import shown_in_english

register = template.Library()


@register.simple_tag
def fallback_lang(obj, *fields):
    """` lang="en"` when the text shown is the English fallback, so screen readers say it right."""
    if shown_in_english(obj, *fields):
        return format_html('lang="{}"', settings.LANGUAGE_CODE)
    return ""


@register.simple_tag
def only_in_english(obj, *fields):
    """The visitor's note that this part is only in English for now, or nothing."""
    if shown_in_english(obj, *fields):
        return render_to_string("includes/only_in_english.html")
    return ""
