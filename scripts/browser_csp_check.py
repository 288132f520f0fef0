"""Headless Chromium (the system's, driven by Playwright) that notes what the security audit must
not see: console errors and warnings (Chromium reports Content-Security-Policy violations there),
uncaught script errors, and requests for any host but 127.0.0.1, which it also refuses.
"""

import contextlib
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from tests.servers import CHROMIUM, CHROMIUM_ARGS, HOST


@contextlib.contextmanager
def chromium_tab(base_url):
    """One tab on `base_url`; the certificate is our throwaway one, so its errors are ignored."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(ignore_https_errors=True)
            context.set_default_timeout(20_000)
            yield Tab(context, base_url)
        finally:
            browser.close()


class Tab:
    def __init__(self, context, base_url):
        self.base_url = base_url
        self.page = context.new_page()
        self._problems = []
        context.route("**/*", self._loopback_only)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self._problems.append(f"script error: {error}"))

    def open(self, path):
        """Go to `path` and wait for its load event; returns Playwright's response."""
        return self.page.goto(self.base_url + path)

    @property
    def path(self):
        return urlsplit(self.page.url).path

    def problems(self, expected_404=None):
        """What went wrong since the last call, less the 404 of a page meant to be missing."""
        # A round trip to the page, so messages it sent before now have all arrived.
        self.page.evaluate("1")
        problems, self._problems = self._problems, []
        if expected_404:
            missing = f"status of 404 (Not Found) ({self.base_url + expected_404})"
            problems = [p for p in problems if not p.endswith(missing)]
        return problems

    def _console(self, message):
        if message.type in {"error", "warning"}:
            where = message.location.get("url", "")
            self._problems.append(f"console {message.type}: {message.text} ({where})")

    def _loopback_only(self, route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"} or parts.hostname == HOST:
            route.fallback()
        else:
            self._problems.append(f"request for another host, refused: {url}")
            route.abort("blockedbyclient")
