from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from screening.rich import PROVIDER_NAME, as_rich

register = template.Library()


@register.filter
def wording_html(text, provider_name=""):
    """Staff wording as safe HTML, with the provider's name filled in.

    It was cleaned when saved; cleaning again here also covers a row written some other way
    (an old plain-text version restored, a fix in the database shell).
    """
    html = as_rich(text).replace(PROVIDER_NAME, str(escape(provider_name)))
    return mark_safe(html)  # noqa: S308
