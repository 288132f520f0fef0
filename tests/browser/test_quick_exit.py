import pytest
from django.conf import settings

NEUTRAL_PAGE = "<!DOCTYPE html><title>Search</title><p>An everyday page.</p>"


@pytest.fixture
def reader(visitor):
    """A visitor on the site, home page then an article, with the exit site stood in for locally."""
    visitor.context.route(
        settings.IOP_QUICK_EXIT_URL,
        lambda route: route.fulfill(body=NEUTRAL_PAGE, content_type="text/html"),
    )
    visitor.open("/")
    visitor.open("/who-is-iop-for/")
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


def test_pressing_escape_twice_leaves_the_site(reader):
    history_length = reader.page.evaluate("history.length")
    reader.page.keyboard.press("Escape")
    reader.page.keyboard.press("Escape")
    assert_left_without_a_trace(reader, history_length)


def test_pressing_escape_once_stays_on_the_page(reader):
    reader.page.keyboard.press("Escape")
    reader.page.wait_for_timeout(1000)
    reader.page.keyboard.press("Escape")
    reader.page.wait_for_timeout(300)
    assert reader.page.url == reader.url("/who-is-iop-for/")


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
