"""Which program facts have an English and a Spanish column (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Credential, Location, Notices, ProgramFacts, Track


@register(ProgramFacts)
class ProgramFactsTranslation(TranslationOptions):
    fields = (
        "who_for",
        "insurance",
        "self_pay",
        "cost_help",
        "family_support",
        "first_week",
        "medication",
        "relapse",
    )
    # medical_specialty is left out: it is a schema.org term for search engines, the same in
    # every language.


@register(Track)
class TrackTranslation(TranslationOptions):
    fields = ("name",)


@register(Location)
class LocationTranslation(TranslationOptions):
    fields = ("name", "access", "directions")


@register(Credential)
class CredentialTranslation(TranslationOptions):
    fields = ("name",)


@register(Notices)
class NoticesTranslation(TranslationOptions):
    fields = ("nondiscrimination", "language_help")
