from django import template

from program import facts

register = template.Library()


@register.simple_tag
def article_review(page):
    """The article's latest clinical review, from the facts read once per staff save."""
    return facts.review_for(page)
