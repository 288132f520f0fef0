"""Every page a visitor can meet, rendered by the test client: for checks that read them all."""

from django.core.exceptions import RequestDataTooBig
from django.test import Client, RequestFactory

from core import sessions, views
from program.urls import urlpatterns as program_urls

from .screening_helpers import CHECK, RESULT, START, question_url

ARTICLE_SLUGS = ["what-is-iop", "who-is-iop-for", "benefits-of-iop"]

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


def public_pages(client):
    paths = ["/", *[f"/{slug}/" for slug in ARTICLE_SLUGS], START]
    paths += [f"/{pattern.pattern}" for pattern in program_urls]
    pages = {path: client.get(path) for path in paths}
    pages["404"] = client.get("/no-such-page/")
    pages["405"] = client.post("/")
    return pages


def self_check_pages(client):
    pages = {"start-error": client.post(START, {})}
    for who in ["me", "loved_one"]:
        for outcome, answers in OUTCOMES.items():
            client.post(START, {"answer": who})
            steps = [*zip(STEPS, [*answers["paths"], answers["detox"]], strict=True)]
            if "signs" in answers:
                steps.append(("warning_signs", answers["signs"]))
            for step, value in steps:
                pages[f"{who}-{step}"] = client.get(question_url(step))
                pages[f"{who}-{step}-error"] = client.post(question_url(step), {})
                assert client.post(question_url(step), {"answer": value}).status_code == 302
            pages[f"{who}-check"] = client.get(CHECK)
            pages[f"{who}-{outcome}"] = client.post(RESULT)
    return pages


def error_pages():
    request = RequestFactory().get("/")
    csrf = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    return {
        "400": views.bad_request(request, ValueError()),
        "413": views.bad_request(request, RequestDataTooBig()),
        "500": views.server_error(request),
        "403-csrf": csrf,
        "503-session": sessions.unavailable_page(request),
    }


def every_page(client):
    """Name -> response, for every public page, self-check step and result, and error page."""
    return {**public_pages(client), **self_check_pages(client), **error_pages()}
