"""The public crisis lines, written down once for every template that shows them.

They are national numbers, not the provider's, so they live in code rather than in site settings.
The tag needs no request and no database, so the 500 page can use it too.
"""

from django import template
from django.utils.html import format_html

register = template.Library()

# key -> (the number as people read it, the number as a phone dials it)
LINES = {
    "emergency": ("911", "tel:911"),
    "lifeline": ("988", "tel:988"),
    "samhsa": ("1-800-662-4357", "tel:+18006624357"),
}


@register.simple_tag
def crisis_link(key):
    """A tap-to-call link for one line: `{% crisis_link "samhsa" %}`."""
    number, href = LINES[key]
    return format_html('<a href="{}">{}</a>', href, number)
