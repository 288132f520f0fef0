"""Reading rendered HTML in tests: a response's markup, and what a strict CSP would block in it."""

from html.parser import HTMLParser


def text_of(response):
    """The response's body as text (the page's HTML)."""
    return response.content.decode()


def plain_text_lines(response):
    """The lines of a plain-text file the site serves (robots.txt, security.txt)."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return response.content.decode().splitlines()


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style blocks and attributes."""

    def __init__(self, nonce=None):
        super().__init__()
        self.nonce = nonce
        self.problems = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script" and "src" not in names and names.get("type") != "application/ld+json":
            # A script carrying the response's own nonce is one the policy lets through.
            self._in_inline_script = not (self.nonce and names.get("nonce") == self.nonce)
        for name, value in attrs:
            if name == "style":
                self.problems.append(f"style= on <{tag}>")
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action") and (value or "").startswith("javascript:"):
                self.problems.append(f"javascript: URL on <{tag}>")

    def handle_data(self, data):
        if self._in_inline_script and data.strip():
            self.problems.append(f"inline script: {data.strip()[:40]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False


def inline_code_in(html, nonce=None):
    finder = InlineCodeFinder(nonce)
    finder.feed(html)
    return finder.problems


def csp_nonce(response):
    """The nonce a response's Content-Security-Policy lets scripts run by, if any."""
    policy = response.get("Content-Security-Policy", "")
    for directive in policy.split(";"):
        name, *sources = directive.split()
        if name == "script-src":
            for source in sources:
                if source.startswith("'nonce-"):
                    return source[len("'nonce-") : -1]
    return None


def blocked_inline_code_in(response):
    """What the response's own policy would block (a script with its nonce is allowed)."""
    return inline_code_in(response.content.decode(), nonce=csp_nonce(response))
