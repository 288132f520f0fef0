"""Every page a visitor can meet, rendered by the test client: for checks that read them all.

Each page has an English address and a Spanish twin under /es/ (the same path after it):
`every_page(client, "es")` gives the Spanish ones, `every_page_in_every_language` both.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.test import Client, RequestFactory
from django.utils import translation

from core import sessions, views
from program.urls import urlpatterns as program_urls

from .screening_helpers import CHECK, RESULT, START, question_url

ARTICLE_SLUGS = ["what-is-iop", "who-is-iop-for", "benefits-of-iop"]
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# The answers that reach each outcome; with both audiences every step and result is seen.
OUTCOMES = {
    "good-fit": {"paths": ("yes", "no", "not_sure"), "detox": "completed"},
    "detox-first": {
        "paths": ("not_sure", "no", "yes"),
        "detox": "not_sure",
        "signs": ["shakes", "daily_heavy"],
    },
    "talk-it-through": {"paths": ("no", "not_sure", "no"), "detox": "not_sure", "signs": ["none"]},
}
STEPS = ["rather_not_live_in", "stepping_down", "relapse", "detox"]


def in_language(path, language="en"):
    """The address of the English page at `path` in `language` (English is unprefixed)."""
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"


def public_addresses():
    """The English address of every public page (each has its twin: `in_language`)."""
    paths = ["/", "/articles/", *[f"/{slug}/" for slug in ARTICLE_SLUGS], START]
    return paths + [f"/{pattern.pattern}" for pattern in program_urls]


def public_pages(client, language="en"):
    pages = {path: client.get(in_language(path, language)) for path in public_addresses()}
    pages["404"] = client.get(in_language("/no-such-page/", language))
    pages["405"] = client.post(in_language("/", language))
    return pages


def self_check_pages(client, language="en"):
    start, check, result = (in_language(path, language) for path in (START, CHECK, RESULT))
    pages = {"start-error": client.post(start, {})}
    for who in ["me", "loved_one"]:
        for outcome, answers in OUTCOMES.items():
            client.post(start, {"answer": who})
            steps = [*zip(STEPS, [*answers["paths"], answers["detox"]], strict=True)]
            if "signs" in answers:
                steps.append(("warning_signs", answers["signs"]))
            for step, value in steps:
                url = in_language(question_url(step), language)
                pages[f"{who}-{step}"] = client.get(url)
                pages[f"{who}-{step}-error"] = client.post(url, {})
                assert client.post(url, {"answer": value}).status_code == 302
            pages[f"{who}-check"] = client.get(check)
            pages[f"{who}-{outcome}"] = client.post(result)
    return pages


def error_pages(language="en"):
    request = RequestFactory().get(in_language("/", language))
    if language == settings.LANGUAGE_CODE:
        csrf = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    else:
        # The admin stays English: a visitor's form is what fails in Spanish.
        csrf = Client(enforce_csrf_checks=True).post(in_language(START, language), {})
    with translation.override(language):
        return {
            "400": views.bad_request(request, ValueError()),
            "413": views.bad_request(request, RequestDataTooBig()),
            "500": views.server_error(request),
            "403-csrf": csrf,
            "503-session": sessions.unavailable_page(request),
        }


def every_page(client, language="en"):
    """Name -> response, for every public page, self-check step and result, and error page."""
    return {
        **public_pages(client, language),
        **self_check_pages(client, language),
        **error_pages(language),
    }


def every_page_in_every_language(client):
    """ "<language> <name>" -> response: `every_page` in English and in Spanish."""
    return {
        f"{language} {name}": response
        for language in LANGUAGES
        for name, response in every_page(client, language).items()
    }
