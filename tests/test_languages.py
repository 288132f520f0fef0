"""Two addresses per page, one per language: the language comes from the address and nothing else.

Every English page has a Spanish twin under /es/ (same slug), the two link each other (the
header's switch, hreflang, the sitemap), and each address is one page for everyone: caches keep
one copy per address, logs and the edge treat /es/self-check/ as they treat /self-check/.
"""

import logging
import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from content.models import Page, SiteSettings
from core import pagecache
from core.addresses import reverse_everywhere, twins
from core.log_filters import HideSelfCheckSteps
from core.management.commands.edge_vcl import render_vcl
from program import facts as program_facts

from .html_checks import plain_text_lines, text_of
from .screening_helpers import START, question_url
from .site_pages import (
    ARTICLE_SLUGS,
    every_page,
    every_page_in_every_language,
    in_language,
    public_addresses,
    public_pages,
)
from .test_page_cache import (  # noqa: F401
    call_wsgi,
    fast_path_counting_django,
    keep_test_connection,
    wsgi_environ,
)

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
NAMES = {"en": "English", "es": "Español"}
OTHER = {"en": "es", "es": "en"}
SWITCH = re.compile(
    r'<a class="language-switch"\s+href="([^"]*)"\s+lang="(\w+)"\s+hreflang="(\w+)">([^<]*)</a>'
)


def html_lang(html):
    return re.search(r"<html lang=\"([^\"]*)\"", html).group(1)


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def canonical(html):
    return re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)


def switch_links(html):
    return [
        {"href": href, "lang": lang, "hreflang": hreflang, "text": text}
        for href, lang, hreflang, text in SWITCH.findall(html)
    ]


def meta_property(html, name):
    return re.findall(rf'<meta property="{re.escape(name)}" content="([^"]*)">', html)


def in_languages(json_ld_html):
    return re.findall(r'"inLanguage": "([^"]+)"', json_ld_html)


# --- Twins ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", public_addresses())
def test_every_public_page_has_a_spanish_twin_and_each_names_the_other_by_hreflang(client, path):
    spanish_path = in_language(path, "es")
    english, spanish = client.get(path), client.get(spanish_path)
    if english.status_code == 404:
        # A notice staff have not written yet (nondiscrimination, language help): in neither.
        assert spanish.status_code == 404
        return
    assert (english.status_code, spanish.status_code) == (200, 200)
    expected = {"en": BASE + path, "es": BASE + spanish_path, "x-default": BASE + path}
    for language, response in [("en", english), ("es", spanish)]:
        html = response.content.decode()
        assert html_lang(html) == language
        assert response["Content-Language"] == language
        assert alternates(html) == expected
        assert canonical(html) == expected[language]
        assert meta_property(html, "og:url") == [expected[language]]


@pytest.mark.parametrize("path", public_addresses())
def test_sharing_tags_and_json_ld_name_the_pages_language(client, path):
    for language, locale, other in [("en", "en_US", "es_US"), ("es", "es_US", "en_US")]:
        response = client.get(in_language(path, language))
        if response.status_code == 404:
            continue  # a notice not written yet (the test above)
        html = response.content.decode()
        assert meta_property(html, "og:locale") == [locale]
        assert meta_property(html, "og:locale:alternate") == [other]
        assert set(in_languages(html)) == {locale.replace("_", "-")}


def test_the_provider_is_one_entity_in_both_languages_json_ld(client):
    def org_id(path):
        html = client.get(path).content.decode()
        return re.search(r'"@type": "MedicalClinic", "@id": "([^"]+)"', html).group(1)

    assert org_id("/es/what-is-iop/") == org_id("/what-is-iop/") == f"{BASE}/#organization"


def test_an_article_keeps_its_slug_in_spanish():
    for slug in ARTICLE_SLUGS:
        assert twins(f"/{slug}/") == {"en": f"/{slug}/", "es": f"/es/{slug}/"}
        assert twins(f"/es/{slug}/") == {"en": f"/{slug}/", "es": f"/es/{slug}/"}


def test_the_admin_and_the_self_checks_one_time_result_have_no_twin():
    assert twins(reverse("admin:index")) is None
    assert twins("/self-check/result/") is None
    assert twins("/es/self-check/result/") is None


# --- The language switch -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_links_its_twin_by_a_plain_link_named_in_the_other_language(client, language):
    other = OTHER[language]
    for name, response in every_page(client, language).items():
        html = response.content.decode()
        if 'class="site-header"' not in html:
            continue  # the admin's own pages (its CSRF failure page)
        [link] = switch_links(html)
        assert link["lang"] == link["hreflang"] == other, name
        assert link["text"] == NAMES[other], name
        request = response.wsgi_request if hasattr(response, "wsgi_request") else None
        found = twins(request.path_info) if request is not None else None
        if response.status_code >= 400 or found is None:
            assert link["href"] == in_language("/", other), name
        else:
            assert link["href"] == found[other], name


@pytest.mark.parametrize("path", public_addresses())
def test_the_switch_leads_to_the_twin_which_answers_without_a_redirect(client, path):
    for language in ["en", "es"]:
        response = client.get(in_language(path, language))
        if response.status_code == 404:
            continue  # a notice not written yet (the first test)
        [link] = switch_links(response.content.decode())
        assert link["href"] == in_language(path, OTHER[language])
        twin = client.get(link["href"])
        assert twin.status_code == 200
        assert html_lang(twin.content.decode()) == OTHER[language]


def test_switching_language_mid_self_check_keeps_the_answers(client):
    client.post(START, {"answer": "me"})
    assert client.post(question_url("rather_not_live_in"), {"answer": "yes"}).status_code == 302
    html = client.get(question_url("stepping_down")).content.decode()
    [link] = switch_links(html)
    assert link["href"] == "/es/self-check/question/stepping_down/"
    spanish = client.get(link["href"])
    assert spanish.status_code == 200
    assert html_lang(spanish.content.decode()) == "es"
    # Back in English, the first answer is still there: the session has no language.
    assert client.get("/self-check/question/rather_not_live_in/").status_code == 200


def test_a_page_that_does_not_exist_links_the_other_languages_home(client):
    for path, home in [("/no-such-page/", "/es/"), ("/es/no-such-page/", "/")]:
        response = client.get(path)
        assert response.status_code == 404
        [link] = switch_links(response.content.decode())
        assert link["href"] == home


# --- The sitemap -------------------------------------------------------------------------------


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 - our own output


def test_the_sitemap_lists_both_languages_each_with_its_alternates(client):
    urls = sitemap(client).findall("sm:url", SITEMAP_NS)
    locations = {url.find("sm:loc", SITEMAP_NS).text for url in urls}
    english = {loc for loc in locations if not loc.startswith(f"{BASE}/es/")}
    assert english == {BASE + path for path in public_addresses() if path in sitemap_paths()}
    assert locations == english | {BASE + "/es" + loc.removeprefix(BASE) for loc in english}
    for url in urls:
        location = url.find("sm:loc", SITEMAP_NS).text
        english_location = location.replace(f"{BASE}/es/", f"{BASE}/")
        links = {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", SITEMAP_NS)
            if link.get("rel") == "alternate"
        }
        assert links == {
            "en": english_location,
            "es": english_location.replace(f"{BASE}/", f"{BASE}/es/", 1),
            "x-default": english_location,
        }


def sitemap_paths():
    # The program pages with staff notices (nondiscrimination, language help) are not listed.
    return set(public_addresses()) - {"/nondiscrimination/", "/language-help/"}


def test_every_address_in_the_sitemap_answers_in_its_language(client):
    for url in sitemap(client).iterfind("sm:url/sm:loc", SITEMAP_NS):
        path = url.text.removeprefix(BASE)
        response = client.get(path)
        assert response.status_code == 200, path
        language = "es" if path.startswith("/es/") else "en"
        assert html_lang(response.content.decode()) == language, path


# --- The language comes from the address only ----------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/what-is-iop/", START])
def test_the_browsers_language_and_a_language_cookie_change_nothing(client, path):
    plain = client.get(path).content.decode()
    pagecache.clear()
    asked = client.get(path, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert asked["Content-Language"] == "en"
    assert html_lang(asked.content.decode()) == "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    with_cookie = client.get(path)
    assert with_cookie["Content-Language"] == "en"
    assert html_lang(with_cookie.content.decode()) == "en"
    assert switch_links(with_cookie.content.decode()) == switch_links(plain)
    spanish = client.get(in_language(path, "es"), HTTP_ACCEPT_LANGUAGE="en")
    assert spanish["Content-Language"] == "es"
    assert html_lang(spanish.content.decode()) == "es"


def test_no_page_varies_on_language_or_sets_a_language_cookie(client):
    pages = every_page_in_every_language(client)
    for name, response in pages.items():
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        assert "accept-language" not in vary, name
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies, name
    # Whatever a page varies on, its twin varies on the same (two first visits): the language
    # adds nothing. Only the self-check, which keeps answers in a session, varies on Cookie.
    english, spanish = public_pages(Client(), "en"), public_pages(Client(), "es")
    for path in public_addresses():
        assert spanish[path].get("Vary") == english[path].get("Vary"), path
        if path != START and english[path].status_code == 200:
            assert spanish[path]["Vary"] == "Accept-Encoding", path


def test_there_is_no_language_choosing_view(client):
    assert client.post("/i18n/setlang/", {"language": "es"}).status_code == 404
    assert not any(c == settings.LANGUAGE_COOKIE_NAME for c in client.cookies)


# --- Caches, logs and the edge -------------------------------------------------------------------


def warm_site_wide_data():
    program_facts.current_program()
    program_facts.footer_links()


@pytest.mark.parametrize("left_active", ["en", "es"])
def test_each_language_has_its_own_cached_copy_whatever_the_thread_served_last(
    client, left_active, django_assert_max_num_queries
):
    warm_site_wide_data()
    pages = {}
    for path in ["/", "/es/", "/what-is-iop/", "/es/what-is-iop/"]:
        # The page cache runs before the language is set for the request: a thread's last
        # language must not keep the other language's pages out of the cache.
        translation.activate(left_active)
        pages[path] = client.get(path)
    for path, first in pages.items():
        translation.activate(left_active)
        with django_assert_max_num_queries(0):
            again = client.get(path)
        assert again.content == first.content
        assert again["Content-Language"] == first["Content-Language"]
    assert html_lang(pages["/es/"].content.decode()) == "es"
    assert html_lang(pages["/"].content.decode()) == "en"


def test_the_fast_path_before_django_answers_each_language_its_own_page(keep_test_connection):  # noqa: F811
    application, calls = fast_path_counting_django()
    first = {path: call_wsgi(application, wsgi_environ(path)) for path in ["/es/", "/"]}
    again = {path: call_wsgi(application, wsgi_environ(path)) for path in ["/", "/es/"]}
    assert calls["django"] == 2
    assert again == first
    assert again["/es/"][1]["Content-Language"] == "es"
    assert again["/"][1]["Content-Language"] == "en"
    assert b'<html lang="es">' in again["/es/"][2]


@pytest.mark.parametrize("active", ["en", "es"])
def test_the_self_check_and_admin_are_never_cached_in_either_language(client, active):
    with translation.override(active):
        prefixes = pagecache._never_cached_prefixes()
    assert {"/self-check/", "/es/self-check/", reverse("admin:index")} <= set(prefixes)
    client.get("/es/self-check/")
    SiteSettings.objects.filter(pk=1).update(phone="(800) 555-0123")
    assert "(800) 555-0123" in text_of(client.get("/es/self-check/"))


def test_a_staff_edit_reaches_the_cached_spanish_page_too(client):
    client.get("/es/what-is-iop/")
    page = Page.objects.get(slug="what-is-iop")
    page.title_es = "Qué es un IOP"
    page.save()
    assert "Qué es un IOP" in text_of(client.get("/es/what-is-iop/"))


@pytest.mark.parametrize("active", ["en", "es"])
@pytest.mark.parametrize(
    "message, logged",
    [
        ("Not Found: /es/self-check/question/warning_signs/", "Not Found: /es/self-check/"),
        ("Not Found: /self-check/question/detox/?answer=x", "Not Found: /self-check/"),
        (
            "Bad: /es/self-check/result/ and /self-check/check/",
            "Bad: /es/self-check/ and /self-check/",
        ),
    ],
)
def test_logs_name_a_self_check_address_as_its_start_in_either_language(active, message, logged):
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, message, None, None)
    with translation.override(active):
        HideSelfCheckSteps().filter(record)
    assert record.getMessage() == logged


def test_a_spanish_step_logged_by_django_names_only_the_spanish_start(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/es/self-check/question/no-such-step/")
    hidden = [HideSelfCheckSteps().filter(r) and r.getMessage() for r in caplog.records]
    assert "Not Found: /es/self-check/" in hidden
    assert not any("no-such-step" in line for line in hidden)


def test_the_edge_sends_the_spanish_self_check_to_the_app_and_keeps_spanish_pages():
    vcl = render_vcl("127.0.0.1:8000")
    pattern = re.compile(
        re.search(r'if \(req\.url ~ "([^"]+)"\) \{\s+return \(pass\);', vcl).group(1)
    )
    for path in ["/es/self-check/", "/es/self-check/question/detox/", "/self-check/check/"]:
        assert pattern.search(path), path
    for path in ["/es/", "/es/what-is-iop/", "/es/our-program/", "/es/articles/"]:
        assert not pattern.search(path), path


def test_the_everything_ban_and_page_purges_reach_both_languages():
    from core import purge

    everything = re.compile(purge.address_pattern(purge.EVERYTHING))
    assert everything.search("/es/what-is-iop/") and everything.search("/")
    paths = purge.page_addresses(None, {"slug": "what-is-iop", "is_published": False})
    assert {
        "/what-is-iop/",
        "/es/what-is-iop/",
        "/",
        "/es/",
        "/articles/",
        "/es/articles/",
    } <= paths
    assert reverse_everywhere("screening:start") == {"/self-check/", "/es/self-check/"}


def test_robots_txt_lets_spanish_pages_be_crawled_but_not_spanish_steps(client):
    lines = plain_text_lines(client.get("/robots.txt"))
    assert {"Allow: /es/self-check/$", "Disallow: /es/self-check/"} <= set(lines)
    disallowed = [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow:")]
    for path in ["/es/", "/es/what-is-iop/", "/es/our-program/"]:
        assert not any(path.startswith(prefix) for prefix in disallowed), path
