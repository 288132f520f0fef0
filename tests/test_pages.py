import re

import pytest
from django.urls import reverse

from content.models import Page, SiteSettings

from .html_checks import text_of

ARTICLE_SLUGS = ["what-is-iop", "who-is-iop-for", "benefits-of-iop"]


def public_urls():
    return ["/", *[f"/{slug}/" for slug in ARTICLE_SLUGS], "/self-check/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", public_urls())
def test_every_page_has_the_landmarks_phone_and_crisis_help(client, url):
    response = client.get(url)
    html = text_of(response)
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    for needed in (
        'href="tel:+18447448783"',
        "(844) 744-8783",
        'href="tel:988"',
        'href="tel:911"',
        "1-800-662-4357",
        "does not give medical advice",
        "data-quick-exit",
    ):
        assert needed in html


@pytest.mark.django_db
def test_titles_and_descriptions_are_unique_per_page(client):
    titles, descriptions = set(), set()
    for url in public_urls():
        html = text_of(client.get(url))
        titles.add(re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip())
        descriptions.add(
            re.search(r'<meta name="description"\s+content="(.*?)">', html, re.S).group(1)
        )
    assert len(titles) == len(public_urls())
    assert len(descriptions) == len(public_urls())


@pytest.mark.django_db
def test_article_pages_appear_in_nav_order_and_mark_the_current_one(client):
    html = text_of(client.get("/who-is-iop-for/"))
    nav = html[html.index("<nav") : html.index("</nav>")]
    positions = [nav.index(f'href="/{slug}/"') for slug in ARTICLE_SLUGS]
    assert positions == sorted(positions)
    assert re.search(r'href="/who-is-iop-for/"\s+aria-current="page"', nav)
    assert nav.count('aria-current="page"') == 1


@pytest.mark.django_db
def test_home_links_to_each_article_and_the_self_check(client):
    html = text_of(client.get("/"))
    for slug in ARTICLE_SLUGS:
        assert f'href="/{slug}/"' in html
    assert f'href="{reverse("screening:start")}"' in html


@pytest.mark.django_db
def test_changing_the_phone_number_shows_on_every_page_at_once(client):
    site = SiteSettings.current()
    site.phone = "(800) 555-0199"
    site.full_clean()
    site.save()
    for url in public_urls():
        html = text_of(client.get(url))
        assert 'href="tel:+18005550199"' in html, url
        assert "(844) 744-8783" not in html, url


@pytest.mark.django_db
def test_a_draft_page_is_a_404_to_visitors(client):
    Page.objects.filter(slug="benefits-of-iop").update(is_published=False)
    response = client.get("/benefits-of-iop/")
    assert response.status_code == 404
    assert 'href="/benefits-of-iop/"' not in text_of(client.get("/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/no-such-page/", "/" + "a" * 5000 + "/", "/caf%C3%A9-r%C3%A9sum%C3%A9/", "/%E2%98%83/"],
    ids=["unknown", "very-long", "non-ascii", "snowman"],
)
def test_unknown_slugs_get_our_404_with_phone_and_nav(client, path):
    response = client.get(path)
    html = text_of(response)
    assert response.status_code == 404
    assert "We could not find that page" in html
    assert 'href="tel:+18447448783"' in html
    assert 'aria-label="Main"' in html


@pytest.mark.django_db
def test_page_slugs_are_unique(published_pages):
    from django.core.exceptions import ValidationError

    duplicate = Page(
        title="Copy", slug=published_pages[0].slug, nav_title="Copy", summary="s", body="<p>b</p>"
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/what-is-iop/"])
def test_pages_answer_head_and_refuse_post(client, url):
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


@pytest.mark.django_db
def test_reading_home_and_the_articles_sets_no_cookie(client):
    for url in ["/", *[f"/{slug}/" for slug in ARTICLE_SLUGS]]:
        assert not client.get(url).cookies, url
