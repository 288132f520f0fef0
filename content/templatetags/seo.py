from django import template

from content import seo

register = template.Library()


@register.inclusion_tag("includes/seo.html", takes_context=True)
def page_meta(context, page=None, title="", description=""):
    """Canonical link, Open Graph and Twitter card tags, and JSON-LD for the current page."""
    site = context["site"]
    title = page.title if page else (title or site.provider_name)
    description = page.summary if page else description
    return {
        **seo.page_meta(context["request"], site, page, title, description),
        "site": site,
        "title": title,
        "description": description,
    }
