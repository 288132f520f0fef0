"""The program's own pages. Each is a cached public page like the articles."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.pagecache import cache_public_page

from . import facts
from .models import Notices, Reviewer


def _page(request, template, title, description, **context):
    context.update(page_title=title, page_description=description)
    return render(request, f"program/{template}.html", context)


@require_safe
@cache_public_page
def our_program(request):
    return _page(
        request,
        "our_program",
        _("Our program"),
        _("When and where the program meets, what it costs and what to expect."),
        program=facts.current_program(),
        asam_level=facts.ASAM_LEVEL,
        asam_hours=facts.ASAM_MIN_HOURS_ADULTS,
    )


@require_safe
@cache_public_page
def questions(request):
    return _page(
        request,
        "questions",
        _("Questions to ask any treatment program"),
        _("Good questions to ask before you choose a program, with our answers."),
        questions=facts.questions_to_ask(facts.current_program()),
    )


@require_safe
@cache_public_page
def privacy(request):
    return _page(
        request,
        "privacy",
        _("Privacy"),
        _("What this site keeps, what it never keeps, and the cookies it uses."),
        privacy=facts.privacy_facts(),
    )


@require_safe
@cache_public_page
def accessibility(request):
    return _page(
        request,
        "accessibility",
        _("Accessibility"),
        _("How we make this site work for everyone, and how to tell us about a problem."),
    )


@require_safe
@cache_public_page
def editorial(request):
    return _page(
        request,
        "editorial",
        _("How we write and check our pages"),
        _("Where our information comes from, who checks it and how we fix mistakes."),
        reviewers=list(Reviewer.objects.all()),
    )


def _notice(request, template, title, description, shown):
    notices = Notices.current()
    if not getattr(notices, shown):
        raise Http404("This notice is switched off.")
    return _page(request, template, title, description, notices=notices)


@require_safe
@cache_public_page
def nondiscrimination(request):
    return _notice(
        request,
        "nondiscrimination",
        _("Notice of nondiscrimination"),
        _("Our promise to treat everyone fairly, and how to make a complaint."),
        "show_nondiscrimination",
    )


@require_safe
@cache_public_page
def language_help(request):
    return _notice(
        request,
        "language_help",
        _("Free language help"),
        _("How to get free help in your language."),
        "show_language_help",
    )
