"""Which staff texts have an English and a Spanish column (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Page, SiteSettings


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "nav_title", "summary", "body", "image_alt")


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = ("hours", "home_intro")
