from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Page


class PageSitemap(Sitemap):
    def items(self):
        return Page.objects.published()

    def lastmod(self, page):
        return page.updated_at


class FixedPagesSitemap(Sitemap):
    """The home page, the articles index and the self-check's start (never its questions)."""

    def items(self):
        return [
            "content:home",
            "content:articles",
            "screening:start",
            "program:our_program",
            "program:questions",
            "program:privacy",
            "program:accessibility",
            "program:editorial",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "fixed": FixedPagesSitemap}
