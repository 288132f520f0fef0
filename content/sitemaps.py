from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Page


class BothLanguages(Sitemap):
    """Every address in English and Spanish, each listing the other (and English as x-default),
    so search engines show people the page in their own language."""

    i18n = True
    alternates = True
    x_default = True


class PageSitemap(BothLanguages):
    def items(self):
        return Page.objects.published()

    def lastmod(self, page):
        return page.updated_at


class FixedPagesSitemap(BothLanguages):
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
