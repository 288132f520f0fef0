from django import template

from core.languages import shown_in_english
from program import facts

register = template.Library()


@register.simple_tag
def article_review(page):
    """The article's latest clinical review, from the facts read once per staff save."""
    return facts.review_for(page)


@register.simple_tag
def any_in_english(objects, *fields):
    """Whether a Spanish page shows any of these records' texts in English, for one note a list."""
    return any(shown_in_english(obj, *fields) for obj in objects)
