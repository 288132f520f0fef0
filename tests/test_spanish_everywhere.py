"""Every page a Spanish speaker can reach from /es/ by following links is Spanish, and its links
keep them in Spanish: only the link to the English twin (hreflang="en") leads out."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.spanish_helpers import english_words

# Addresses that are one page in both languages by design, or not pages.
LANGUAGE_FREE = (
    "/static/",
    "/media/",
    "/sitemap.xml",
    "/robots.txt",
    "/favicon.ico",
    "/.well-known/",
)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []  # (href, hreflang)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], attrs.get("hreflang")))


def links_on(html):
    parser = _Links()
    parser.feed(html)
    return parser.links


def crawl(client, start="/es/", limit=100):
    """(path, response) for every page reachable from `start` by plain links within /es/."""
    queue, seen, pages, strays = [start], {start}, [], []
    while queue and len(pages) < limit:
        path = queue.pop(0)
        response = client.get(path)
        pages.append((path, response))
        if response.status_code != 200:
            continue
        for href, hreflang in links_on(response.content.decode()):
            parts = urlsplit(urldefrag(href).url)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # tel:, the quick exit and other sites
            if parts.path.startswith(LANGUAGE_FREE):
                continue
            if not parts.path.startswith("/es/"):
                if hreflang != "en":
                    strays.append((path, href))
                continue
            if parts.path not in seen:
                seen.add(parts.path)
                queue.append(parts.path)
    return pages, strays


@pytest.mark.django_db
def test_every_page_reachable_from_es_is_spanish_and_keeps_its_links_in_spanish(client):
    pages, strays = crawl(client)
    paths = [path for path, _ in pages]
    # The menu's pages, the self-check's start and the footer's pages are all reached.
    for expected in (
        "/es/",
        "/es/self-check/",
        "/es/what-is-iop/",
        "/es/privacy/",
    ):
        assert expected in paths
    assert [(path, r.status_code) for path, r in pages if r.status_code != 200] == []
    found = {path: english_words(r.content.decode()) for path, r in pages}
    assert {path: words for path, words in found.items() if words} == {}
    assert strays == []
    for path, response in pages:
        assert response["Content-Language"] == "es", path
        assert '<html lang="es"' in response.content.decode(), path
