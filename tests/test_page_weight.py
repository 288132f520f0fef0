import gzip
import re

import brotli
import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

ARTICLES = ["/what-is-iop/", "/who-is-iop-for/", "/benefits-of-iop/"]
FETCHED_LINK_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "manifest",
}
YEAR = 365 * 24 * 3600


def read_asset(url):
    if url.startswith(django_settings.STATIC_URL):
        with open(finders.find(url.removeprefix(django_settings.STATIC_URL)), "rb") as file:
            return file.read()
    with default_storage.open(url.removeprefix(django_settings.MEDIA_URL)) as file:
        return file.read()


def fetched_urls(html):
    """Every URL a browser fetches right away for this page (stylesheets, scripts, images)."""
    urls = []
    for tag in re.findall(r"<link\b[^>]*>", html):
        rel = re.search(r'rel="([^"]+)"', tag)
        href = re.search(r'href="([^"]+)"', tag)
        if rel and href and FETCHED_LINK_RELS & set(rel.group(1).split()):
            urls.append(href.group(1))
    urls += re.findall(r'<(?:script|img|source)\b[^>]*\bsrc="([^"]+)"', html)
    return urls


def compressed_size(data):
    # gzip, not brotli: browsers that only take gzip get the heavier of the two.
    return len(gzip.compress(data, compresslevel=6))


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", *ARTICLES])
def test_a_first_visit_weighs_under_60_kb_compressed_with_html_under_20_kb(client, url):
    html = client.get(url).content
    assert len(html) < 20_000
    total = compressed_size(html)
    for asset in fetched_urls(html.decode()):
        assert asset.startswith("/"), f"{asset} is not served by us"
        data = read_asset(asset)
        total += compressed_size(data)
        if asset.endswith(".css"):
            # Anything a stylesheet pulls in (fonts, images) is part of the first visit too.
            assert not re.search(r"url\(|@import", data.decode()), asset
    assert total <= 60_000


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", *ARTICLES])
def test_the_only_render_blocking_request_is_one_stylesheet(client, url):
    html = client.get(url).content.decode()
    head = html[: html.index("</head>")]
    stylesheets = [
        tag
        for tag in re.findall(r"<link\b[^>]*>", head)
        if re.search(r'rel="stylesheet"', tag) and 'media="print"' not in tag
    ]
    assert len(stylesheets) == 1
    for tag in re.findall(r"<script\b[^>]*>", html):
        if "src=" in tag:
            assert re.search(r"\b(defer|async)\b|type=\"module\"", tag), tag
        else:
            assert 'type="application/ld+json"' in tag, f"inline script: {tag}"


# Closing a response sends request_finished, which checks database connections.
@pytest.mark.django_db
def test_static_files_are_hashed_precompressed_and_cached_for_a_year(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # The admin's own files would only make this slower; ours are what the pages load.
    call_command("collectstatic", "--noinput", verbosity=0, ignore_patterns=["admin"])
    whitenoise = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
    for name in ("css/site.css", "js/site.js"):
        url = staticfiles_storage.url(name)
        assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", url), url
        hashed = tmp_path / url.removeprefix(settings.STATIC_URL)
        for suffix in (".gz", ".br"):
            assert hashed.with_name(hashed.name + suffix).exists()
        original = hashed.read_bytes()
        assert brotli.decompress(hashed.with_name(hashed.name + ".br").read_bytes()) == original
        for accept, encoding in (("gzip, deflate, br", "br"), ("gzip", "gzip")):
            response = whitenoise(RequestFactory().get(url, HTTP_ACCEPT_ENCODING=accept))
            try:
                assert response.status_code == 200
                assert response["Content-Encoding"] == encoding
                max_age = re.search(r"max-age=(\d+)", response["Cache-Control"])
                assert int(max_age.group(1)) >= YEAR
                assert "immutable" in response["Cache-Control"]
                assert "Accept-Encoding" in response["Vary"]
            finally:
                response.close()
