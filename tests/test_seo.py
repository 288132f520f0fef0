import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from content.models import Page
from core import pagecache
from program import facts as program_facts

from .html_checks import plain_text_lines

ARTICLE_SLUGS = ["what-is-iop", "who-is-iop-for", "benefits-of-iop"]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def json_ld_blocks(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def warm_site_wide_data():
    """The program facts and notices are read once per staff save for all pages, not per page."""
    program_facts.current_program()
    program_facts.footer_links()


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ARTICLE_SLUGS)
def test_articles_describe_themselves_to_search_engines_and_link_previews(client, slug):
    page = Page.objects.get(slug=slug)
    html = client.get(f"/{slug}/").content.decode()
    url = f"http://testserver/{slug}/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "property", "og:url") == url
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:site_name") == "True Recovery"
    assert meta(html, "name", "twitter:card") == "summary"
    assert meta(html, "name", "twitter:description") is not None

    [data] = json_ld_blocks(html)
    assert data["@context"] == "https://schema.org"
    by_type = {item["@type"]: item for item in data["@graph"]}
    org, webpage = by_type["MedicalClinic"], by_type["MedicalWebPage"]
    assert org["telephone"] == "+18447448783"
    assert org["name"] == "True Recovery"
    assert webpage["url"] == url
    assert webpage["name"] == page.title
    assert webpage["description"] == page.summary
    assert webpage["publisher"] == {"@id": org["@id"]}


@pytest.mark.django_db
def test_home_describes_the_provider_with_the_phone_from_site_settings(client, site_settings):
    site_settings.phone = "(800) 555-0199"
    site_settings.save()
    html = client.get("/").content.decode()
    assert '<link rel="canonical" href="http://testserver/">' in html
    assert meta(html, "property", "og:type") == "website"
    [data] = json_ld_blocks(html)
    org = next(item for item in data["@graph"] if item["@type"] == "MedicalClinic")
    assert org["telephone"] == "+18005550199"


@pytest.mark.django_db
def test_json_ld_cannot_break_out_of_its_script_element(client):
    title = 'Help </script><script>alert("x")</script> & <!-- more'
    Page.objects.filter(slug="what-is-iop").update(title=title)
    html = client.get("/what-is-iop/").content.decode()
    assert '<script>alert("x")' not in html
    [data] = json_ld_blocks(html)
    webpage = next(item for item in data["@graph"] if item["@type"] == "MedicalWebPage")
    assert webpage["name"] == title


@pytest.mark.django_db
def test_pictures_are_offered_to_link_previews_with_their_description(client, media_root):
    from django.core.files.base import ContentFile

    from .staff_helpers import picture_bytes

    page = Page.objects.get(slug="what-is-iop")
    page.image = ContentFile(picture_bytes("JPEG", (2000, 1000)), name="0123456789abcdef.jpg")
    page.image_alt = "A drawing of a calm room."
    page.save()
    html = client.get("/what-is-iop/").content.decode()
    image_url = meta(html, "property", "og:image")
    assert image_url.startswith("http://testserver/media/pages/")
    assert image_url.endswith("-1200w.jpg")
    assert meta(html, "property", "og:image:alt") == "A drawing of a calm room."
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert client.get(image_url.removeprefix("http://testserver")).status_code == 200


@pytest.mark.django_db
def test_sitemap_lists_published_and_fixed_pages_but_no_draft_or_self_check_step(client):
    Page.objects.create(
        title="Secret draft", slug="secret-draft", nav_title="D", summary="s", body="<p>b</p>"
    )
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    locations = {loc.text for loc in root.iterfind("sm:url/sm:loc", SITEMAP_NS)}
    # Each English address and its Spanish twin (tests/test_languages.py checks the twins).
    english = {loc for loc in locations if not loc.startswith("http://testserver/es/")}
    assert locations == english | {loc.replace("testserver/", "testserver/es/") for loc in english}
    assert english == {
        "http://testserver/",
        "http://testserver/self-check/",
        "http://testserver/articles/",
        *{f"http://testserver/{slug}/" for slug in ARTICLE_SLUGS},
        *{
            f"http://testserver/{path}/"
            for path in [
                "our-program",
                "questions-to-ask",
                "privacy",
                "accessibility",
                "editorial-policy",
            ]
        },
    }
    assert len(root.findall("sm:url/sm:lastmod", SITEMAP_NS)) == 2 * len(ARTICLE_SLUGS)


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_admin_and_quiz_steps_out(client):
    assert {
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /self-check/$",
        "Disallow: /self-check/",
        "Sitemap: http://testserver/sitemap.xml",
    } <= set(plain_text_lines(client.get("/robots.txt")))


@pytest.mark.django_db
def test_an_article_and_home_with_their_search_engine_tags_cost_two_queries(published_pages):
    client = Client()
    client.get("/what-is-iop/")  # warm up anything loaded once per process
    pagecache.clear()  # measure a render, not a page-cache hit
    warm_site_wide_data()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/what-is-iop/").status_code == 200
    # The site settings and the published pages (the menu, which also holds the article): the
    # same two the page needed before.
    assert len(queries) == 2, [q["sql"] for q in queries]
    pagecache.clear()
    warm_site_wide_data()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) == 2, [q["sql"] for q in queries]


@pytest.mark.django_db
def test_the_self_check_start_has_its_own_canonical_and_description(client):
    html = client.get("/self-check/").content.decode()
    assert '<link rel="canonical" href="http://testserver/self-check/">' in html
    assert meta(html, "property", "og:title") == "Is IOP a good fit? A short self-check"
    [data] = json_ld_blocks(html)
    webpage = next(item for item in data["@graph"] if item["@type"] == "WebPage")
    assert webpage["url"] == "http://testserver/self-check/"
