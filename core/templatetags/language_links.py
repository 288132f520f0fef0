"""The links between a page's twins in each language (core/addresses.py).

{% other_languages as links %}   [(code, name, path)] for the header's language switch
"""

from django import template

from core import addresses

register = template.Library()


@register.simple_tag(takes_context=True)
def other_languages(context):
    request = context.get("request")
    # The 500 page is drawn without a request, error pages with the address that failed.
    error_page = bool(addresses.ERROR_TEMPLATE.fullmatch(context.template_name or ""))
    path = request.path_info if request is not None else None
    return addresses.other_languages(path, error_page=error_page)
