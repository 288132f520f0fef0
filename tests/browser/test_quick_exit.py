import datetime

import pytest
from django.conf import settings

NEUTRAL_PAGE = "<!DOCTYPE html><title>Search</title><p>An everyday page.</p>"
# static/js/site.js leaves when the second Escape comes less than this many milliseconds after
# the first.
DOUBLE_ESCAPE_MS = 800
START = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def reader(visitor):
    """A visitor on the site, home page then an article, with the exit site stood in for locally.

    The page's clock is Playwright's and stands still, so the time between two key presses is
    exactly what a test moves it on by.
    """
    visitor.context.route(
        settings.IOP_QUICK_EXIT_URL,
        lambda route: route.fulfill(body=NEUTRAL_PAGE, content_type="text/html"),
    )
    visitor.page.clock.install(time=START)
    visitor.open("/")
    visitor.open("/who-is-iop-for/")
    visitor.page.clock.pause_at(START + datetime.timedelta(minutes=5))
    return visitor


def assert_left_without_a_trace(reader, history_length):
    page = reader.page
    page.wait_for_url(settings.IOP_QUICK_EXIT_URL)
    assert page.title() == "Search"
    # The article was replaced, not stacked: Back skips it and goes to the page before.
    assert page.evaluate("history.length") == history_length
    # "commit": a page restored from the back/forward cache fires no load event.
    page.go_back(wait_until="commit")
    assert page.url == reader.url("/")


def test_leave_this_site_replaces_the_page_in_one_click(reader):
    history_length = reader.page.evaluate("history.length")
    link = reader.page.get_by_role("link", name="Leave this site")
    assert link.is_visible()
    link.click()
    assert_left_without_a_trace(reader, history_length)


def test_pressing_escape_twice_within_800_ms_leaves_the_site(reader):
    history_length = reader.page.evaluate("history.length")
    reader.page.keyboard.press("Escape")
    reader.page.clock.fast_forward(DOUBLE_ESCAPE_MS - 1)
    reader.page.keyboard.press("Escape")
    assert_left_without_a_trace(reader, history_length)


def test_two_escapes_800_ms_apart_stay_on_the_page(reader):
    page = reader.page
    title = page.title()
    page.keyboard.press("Escape")
    page.clock.fast_forward(DOUBLE_ESCAPE_MS)
    page.keyboard.press("Escape")
    # Leaving blanks and renames the page in the key handler itself, before the browser moves.
    assert page.evaluate("[document.body.hidden, document.title]") == [False, title]
    assert page.url == reader.url("/who-is-iop-for/")
    # That late press starts a new pair: one more straight away leaves.
    history_length = page.evaluate("history.length")
    page.keyboard.press("Escape")
    assert_left_without_a_trace(reader, history_length)


def test_leave_this_site_still_works_without_javascript(visitor_factory):
    visitor = visitor_factory(javascript=False)
    visitor.context.route(
        settings.IOP_QUICK_EXIT_URL,
        lambda route: route.fulfill(body=NEUTRAL_PAGE, content_type="text/html"),
    )
    visitor.open("/what-is-iop/")
    visitor.page.get_by_role("link", name="Leave this site").click()
    visitor.page.wait_for_url(settings.IOP_QUICK_EXIT_URL)
    assert visitor.page.title() == "Search"


def test_a_spanish_page_leaves_with_a_spanish_control_and_a_spanish_tab_title(visitor):
    visitor.context.route(
        settings.IOP_QUICK_EXIT_URL,
        lambda route: route.fulfill(body=NEUTRAL_PAGE, content_type="text/html"),
    )
    visitor.open("/es/who-is-iop-for/")
    page = visitor.page
    link = page.get_by_role("link", name="Salir de este sitio")
    assert link.get_attribute("title") == "Salga de este sitio ahora. Atajo: pulse Esc dos veces."
    # The tab's name while it leaves, told to the test before the page is gone.
    titles = []
    page.on("console", lambda message: titles.append(message.text))
    page.evaluate(
        "new MutationObserver(() => console.log(document.title))"
        ".observe(document.head, {childList: true, subtree: true, characterData: true})"
    )
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(settings.IOP_QUICK_EXIT_URL)
    assert titles[:1] == ["Nueva pestaña"]
