"""Which self-check texts have an English and a Spanish column (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import PageText, PathBenefit, Question, ResultText


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text_me", "text_loved_one", "help_me", "help_loved_one")


@register(ResultText)
class ResultTextTranslation(TranslationOptions):
    fields = ("heading_me", "heading_loved_one", "body_me", "body_loved_one")


@register(PathBenefit)
class PathBenefitTranslation(TranslationOptions):
    fields = (
        "matched_me",
        "matched_loved_one",
        "benefit_me",
        "benefit_loved_one",
        "warning_me",
        "warning_loved_one",
    )


@register(PageText)
class PageTextTranslation(TranslationOptions):
    fields = ("text_me", "text_loved_one")
