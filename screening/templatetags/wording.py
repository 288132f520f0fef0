from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from screening.fallback import InEnglish
from screening.rich import PROVIDER_NAME, as_rich

register = template.Library()


@register.filter
def wording_html(text, provider_name=""):
    """Staff wording as safe HTML, with the provider's name filled in.

    It was cleaned when saved; cleaning again here also covers a row written some other way
    (an old plain-text version restored, a fix in the database shell). The English fallback on
    a Spanish page comes inside lang="en".
    """
    html = as_rich(text).replace(PROVIDER_NAME, str(escape(provider_name)))
    if isinstance(text, InEnglish):
        return format_html('<div lang="{}">{}</div>', settings.LANGUAGE_CODE, mark_safe(html))  # noqa: S308
    return mark_safe(html)  # noqa: S308
