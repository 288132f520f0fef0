from django import template

from core.translation_status import missing_summary

register = template.Library()


@register.inclusion_tag("admin/includes/translation_missing.html", takes_context=True)
def translation_missing(context):
    """How many staff texts still have no Spanish, per model, for the admin home."""
    return missing_summary(context.get("app_list", []))
