from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from .conftest import is_local
from .helpers import ARTICLE_SLUGS, EXPECTED_STATUS, PUBLIC_PAGES


def test_no_page_makes_a_request_beyond_127_0_0_1(visitor):
    for name, go in PUBLIC_PAGES.items():
        assert go(visitor) == EXPECTED_STATUS.get(name, 200)
        visitor.page.wait_for_load_state("networkidle")
    visitor.open("/admin/login/")
    visitor.page.wait_for_load_state("networkidle")
    assert visitor.blocked == []
    assert [url for url in visitor.requests if not is_local(url)] == []
    # The log is real: it saw the pages and the files they load.
    paths = {urlsplit(url).path for url in visitor.requests}
    assert {"/", "/what-is-iop/", "/static/css/site.css", "/static/js/site.js"} <= paths


def test_the_request_log_catches_a_request_to_another_host(visitor):
    visitor.open("/")
    # Let the page's own late requests (the favicon) finish first, so they cannot race the log.
    visitor.page.wait_for_load_state("networkidle")
    with pytest.raises(PlaywrightError):
        visitor.page.goto("https://analytics.example.com/pixel")
    assert visitor.blocked == ["https://analytics.example.com/pixel"]
    assert [url for url in visitor.requests if not is_local(url)] == [
        "https://analytics.example.com/pixel"
    ]


def test_reading_the_home_and_article_pages_sets_no_cookie(visitor):
    visitor.open("/")
    for slug in ARTICLE_SLUGS:
        visitor.page.click(f'nav a[href="/{slug}/"]')
        visitor.page.wait_for_url(visitor.url(f"/{slug}/"))
        visitor.page.wait_for_load_state("networkidle")
    assert visitor.context.cookies() == []
    assert visitor.page.evaluate("document.cookie") == ""


def test_pages_load_without_script_errors_or_blocked_resources(visitor):
    for go in PUBLIC_PAGES.values():
        go(visitor)
        visitor.page.wait_for_load_state("load")
    # Only the pages meant to fail (one 403 and one 404 per language) log their status.
    reasons = {403: "Forbidden", 404: "Not Found"}
    expected = [
        "console error: Failed to load resource: the server responded with a status of "
        f"{status} ({reasons[status]})"
        for status in EXPECTED_STATUS.values()
    ]
    assert sorted(visitor.errors) == sorted(expected)
    assert visitor.blocked == []
