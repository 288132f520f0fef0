from django import template

from program import facts

register = template.Library()


@register.inclusion_tag("program/includes/admin_checklist.html")
def program_checklist():
    """What visitors cannot see yet because nobody has entered it, for the admin home."""
    return {"missing": facts.missing_facts(), "overdue": facts.overdue_reviews()}
