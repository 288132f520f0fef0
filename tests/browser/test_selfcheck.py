import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .conftest import DESKTOP, PHONES
from .helpers import axe_violations, check_fits_phone
from .selfcheck import (
    SCENARIOS,
    SUBMIT,
    click_through,
    focus,
    is_submit,
    keyboard_answer,
    press_enter_on,
    step_of,
)

# Where each walk first sends an empty answer, so every kind of error page is seen too.
ERROR_AT = {"good-fit": "who", "detox-first": "warning_signs", "talk-it-through": "relapse"}


def outcome_of(page):
    return page.get_attribute("main", "data-outcome")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("outcome", list(SCENARIOS))
def test_every_self_check_page_passes_axe_and_fits_phones_on_the_way_to(
    visitor_factory, outcome, language
):
    # Each page opens on the smallest phone, as loaded (focus moved on load may scroll it);
    # then the same page is checked at the other phone size and by axe at desktop size too.
    smallest, *others = PHONES
    visitor = visitor_factory(viewport=PHONES[smallest])
    page = visitor.page
    problems = {}

    def check(step):
        found = [f"{smallest}: {problem}" for problem in check_fits_phone(page)]
        if page.get_attribute("html", "lang") != language:
            found.append(f"html lang is {page.get_attribute('html', 'lang')}")
        found += [f"{smallest} axe: {v}" for v in axe_violations(page)]
        for size in others:
            page.set_viewport_size(PHONES[size])
            found += [f"{size}: {problem}" for problem in check_fits_phone(page)]
        page.set_viewport_size(DESKTOP)
        found += [f"desktop axe: {v}" for v in axe_violations(page)]
        page.set_viewport_size(PHONES[smallest])
        if found:
            problems[step] = found

    start = "/self-check/" if language == "en" else f"/{language}/self-check/"
    seen = click_through(
        visitor, SCENARIOS[outcome], on_page=check, error_at=ERROR_AT[outcome], start=start
    )
    assert outcome_of(page) == outcome
    assert f"error:{ERROR_AT[outcome]}" in seen
    assert problems == {}


def assert_error_is_announced_and_linked(page):
    assert page.title().startswith("Error:")
    summary = page.locator(".sc-error-summary")
    assert summary.get_attribute("role") == "alert"
    links = summary.locator("a")
    assert links.count() >= 1
    for index in range(links.count()):
        target_id = links.nth(index).get_attribute("href").removeprefix("#")
        target = page.locator(f"[id='{target_id}']")
        assert target.count() == 1, f"error summary links to a missing #{target_id}"
        assert target.get_attribute("aria-invalid") == "true"
        described_by = target.locator("xpath=ancestor::fieldset").get_attribute("aria-describedby")
        messages = " ".join(page.locator(f"[id='{i}']").inner_text() for i in described_by.split())
        assert links.nth(index).inner_text() in messages


def assert_focus_on_question_or_error(page, step):
    # The browser applies `autofocus` in a rendering step that can come just after "load".
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function("document.activeElement !== document.body", timeout=5000)
    state = focus(page)
    if "sc-error-summary" in state["classes"]:
        return "error-summary"
    if step in ("check", "result"):
        assert state["tag"] == "h1", f"{step}: focus is on {state}"
        return "heading"
    assert "sc-question" in state["classes"], f"{step}: focus is on {state}"
    return "question"


@pytest.mark.parametrize("outcome", list(SCENARIOS))
def test_the_self_check_can_be_completed_by_keyboard_alone_reaching(visitor, outcome):
    page = visitor.page
    answers = SCENARIOS[outcome]
    error_at = ERROR_AT[outcome]
    stops = []
    visitor.open("/")
    # From the home page to the start of the self-check with Tab and Enter.
    press_enter_on(page, lambda s: s["text"].startswith("Take the 2-minute self-check"), stops)
    steps = []
    while True:
        step = step_of(page, steps)
        steps.append(step)
        if steps.count(step) > 2:
            raise AssertionError(f"stuck on {step}")
        if step != "who":
            assert_focus_on_question_or_error(page, step)
        if step == "result":
            break
        if step == "check":
            press_enter_on(page, lambda s: s["text"] == "See my result", stops)
            continue
        if step == error_at and steps.count(step) == 1:
            press_enter_on(page, is_submit, stops)
            assert assert_focus_on_question_or_error(page, step) == "error-summary"
            assert_error_is_announced_and_linked(page)
            # Following the summary's link puts focus on the answers.
            page.keyboard.press("Tab")
            assert focus(page)["tag"] == "a"
            page.keyboard.press("Enter")
            assert focus(page)["name"] == "answer"
            keyboard_answer(page, answers[step], stops)
            press_enter_on(page, is_submit, stops)
            continue
        keyboard_answer(page, answers[step], stops)
        press_enter_on(page, is_submit, stops)
    assert outcome_of(page) == outcome
    assert [s for s in stops if not (s["ring"] and s["onScreen"])] == []


@pytest.mark.parametrize("outcome", list(SCENARIOS))
def test_the_self_check_works_with_javascript_turned_off_reaching(visitor_factory, outcome):
    visitor = visitor_factory(javascript=False)
    click_through(visitor, SCENARIOS[outcome], error_at=ERROR_AT[outcome])
    assert outcome_of(visitor.page) == outcome
    with visitor.page.expect_navigation():
        visitor.page.click(".sc-start-over [type=submit]")
    assert visitor.page.url == visitor.url("/self-check/")
    assert visitor.page.locator(SUBMIT).is_visible()


# Marks a page that the browser shows again from its back/forward cache (a frozen copy).
BFCACHE_PROBE = (
    "addEventListener('pageshow', (event) => {"
    " if (event.persisted) document.documentElement.dataset.restoredFrom = 'bfcache'; })"
)


def restored_from_bfcache(page):
    return page.evaluate("document.documentElement.dataset.restoredFrom || ''") == "bfcache"


def test_this_browser_restores_an_article_from_the_back_forward_cache(visitor):
    # Shows the probe below works here: an ordinary page does come back from the cache.
    visitor.context.add_init_script(BFCACHE_PROBE)
    visitor.open("/what-is-iop/")
    with visitor.page.expect_navigation():
        visitor.page.click('nav a[href="/who-is-iop-for/"]')
    visitor.page.go_back(wait_until="commit")
    visitor.page.wait_for_function("document.documentElement.dataset.restoredFrom === 'bfcache'")
    assert visitor.page.url == visitor.url("/what-is-iop/")


def test_back_after_start_over_does_not_show_the_result_again(visitor):
    visitor.context.add_init_script(BFCACHE_PROBE)
    page = visitor.page
    click_through(visitor, SCENARIOS["detox-first"])
    assert outcome_of(page) == "detox-first"
    with page.expect_navigation():
        page.click(".sc-start-over [type=submit]")
    assert page.url == visitor.url("/self-check/")
    page.go_back(wait_until="commit")
    page.wait_for_load_state("load")
    assert not restored_from_bfcache(page)
    assert page.locator("main[data-outcome]").count() == 0
    assert "detox" not in page.locator("main").inner_text().lower()
