"""Real-browser tests: the site as a visitor's Chromium shows it.

One Chromium (the system's, never a downloaded one) serves the whole session; each test gets fresh,
isolated browser contexts. Without Chromium the tests skip, unless REQUIRE_BROWSER=1 (CI) makes
that a failure.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.servers import CHROMIUM, CHROMIUM_ARGS

PHONES = {"320x640": {"width": 320, "height": 640}, "375x812": {"width": 375, "height": 812}}
DESKTOP = {"width": 1280, "height": 800}
OUTPUT_DIR = Path(settings.BASE_DIR) / "test-output"
LOCAL_HOST = "127.0.0.1"

# Serve on 127.0.0.1 (a free port) so "nothing leaves 127.0.0.1" has one host to compare against.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", LOCAL_HOST)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in headless Chromium (tests/browser)")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        message = (
            f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium` "
            "to run the browser tests."
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " REQUIRE_BROWSER=1 makes this a failure.")
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    database_connections = {alias: connections[alias] for alias in connections}
    # Playwright's sync API keeps an asyncio loop on the test thread, and Django's async guard
    # would then refuse the database work that fixtures do on that thread. Allowed only while
    # Playwright runs; the live server thread has no loop and keeps the guard.
    async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        # Django keeps connections per thread, but per asyncio context once a loop is running on
        # the thread, as Playwright's now is. Hand the same connections over, so the test database
        # (and its snapshot for serialized rollback) is the one set up before Chromium started.
        for alias, connection in database_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            # Playwright turns the back/forward cache off by default; a visitor's browser has it
            # on, and the result page must stay out of it.
            ignore_default_args=["--disable-back-forward-cache"],
        )
        yield browser
        browser.close()
    if async_unsafe is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = async_unsafe


def is_local(url):
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.hostname == LOCAL_HOST


@dataclass
class Visitor:
    """One isolated browser profile: its page, and a log of every request it made."""

    context: object
    page: object
    base_url: str
    requests: list = field(default_factory=list)
    blocked: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def open(self, path):
        response = self.page.goto(self.base_url + path)
        assert response is not None, f"no response for {path}"
        return response

    def url(self, path):
        return self.base_url + path


@pytest.fixture
def visitor_factory(chromium, live_server, django_db_serialized_rollback):
    """Make visitors: `visitor_factory(viewport=PHONES["320x640"], javascript=False)`.

    `locale` is the browser's language (its Accept-Language); the site's comes from the address.

    Every request is recorded; one for another host is refused (and recorded in `blocked`), so
    a test can never reach the outside world, and a leak fails the privacy test.
    """
    contexts = []

    def make(viewport=DESKTOP, javascript=True, locale="en-US"):
        context = chromium.new_context(
            viewport=viewport,
            java_script_enabled=javascript,
            locale=locale,
            timezone_id="America/Los_Angeles",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        visitor = Visitor(context=context, page=page, base_url=live_server.url)
        context.on("request", lambda request: visitor.requests.append(request.url))

        def guard(route):
            if is_local(route.request.url):
                route.fallback()
            else:
                visitor.blocked.append(route.request.url)
                route.abort("blockedbyclient")

        context.route("**/*", guard)
        page.on("pageerror", lambda error: visitor.errors.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: (
                visitor.errors.append(f"console {message.type}: {message.text}")
                if message.type in {"error", "warning"}
                else None
            ),
        )
        return visitor

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def visitor(visitor_factory):
    return visitor_factory()
