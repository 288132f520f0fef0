"""A Spanish speaker's whole visit, as the issue's "done" describes it: from /es/ to each result,
by keyboard alone and without JavaScript, then the call link and the quick exit."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.spanish_helpers import english_words

from .selfcheck import (
    SCENARIOS,
    focus,
    is_submit,
    keyboard_answer,
    press_enter_on,
    step_of,
    tab_to,
)
from .test_quick_exit import NEUTRAL_PAGE
from .test_selfcheck import ERROR_AT, outcome_of


def shift_tab_to(page, is_target, limit=40):
    for _ in range(limit):
        page.keyboard.press("Shift+Tab")
        state = focus(page)
        if is_target(state):
            return state
    raise AssertionError(f"Shift+Tab never reached the target on {page.url}")


def english_on(page):
    assert page.get_attribute("html", "lang") == "es", page.url
    return english_words(page.content())


@pytest.mark.parametrize("outcome", list(SCENARIOS))
def test_a_spanish_speaker_reaches_each_result_by_keyboard_without_javascript_then_calls_or_leaves(
    visitor_factory, outcome
):
    # The browser asks for English: the address alone decides the language.
    visitor = visitor_factory(javascript=False, locale="en-US")
    visitor.context.route(
        settings.IOP_QUICK_EXIT_URL,
        lambda route: route.fulfill(body=NEUTRAL_PAGE, content_type="text/html"),
    )
    page = visitor.page
    answers, error_at = SCENARIOS[outcome], ERROR_AT[outcome]
    stops, steps, english = [], [], {}
    visitor.open("/es/")
    english["home"] = english_on(page)
    press_enter_on(page, lambda s: (s["href"] or "").endswith("/es/self-check/"), stops)
    while True:
        step = step_of(page, steps)
        steps.append(step)
        assert steps.count(step) <= 2, f"stuck on {step}"
        assert urlsplit(page.url).path.startswith("/es/self-check/"), page.url
        english[f"{step} ({steps.count(step)})"] = english_on(page)
        if step == "result":
            break
        if step == "check":
            press_enter_on(
                page, lambda s: (s["formAction"] or "").endswith("/es/self-check/result/"), stops
            )
        elif step == error_at and steps.count(step) == 1:
            # An empty answer first: the error page is Spanish too.
            press_enter_on(page, is_submit, stops)
        else:
            keyboard_answer(page, answers[step], stops)
            press_enter_on(page, is_submit, stops)
    assert outcome_of(page) == outcome
    assert f"{error_at} (2)" in english, "the empty answer was not refused"
    assert {name: words for name, words in english.items() if words} == {}

    # The result's call link reaches the provider's number, and the quick exit is a few
    # Shift+Tabs back up the page.
    call = tab_to(page, lambda s: (s["href"] or "").startswith("tel:"), stops)
    assert call["text"], "the call link has no visible number"
    shift_tab_to(page, lambda s: s["href"] == settings.IOP_QUICK_EXIT_URL)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == settings.IOP_QUICK_EXIT_URL
