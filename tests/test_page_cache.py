import datetime
import io
import os
import time
import uuid
from collections import Counter

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path, reverse
from django.utils import timezone

from content.models import Page, SiteSettings
from core import pagecache
from core.pagecache import cache_public_page
from program import facts as program_facts

from .html_checks import text_of
from .staff_helpers import in_columns

ARTICLE = "/what-is-iop/"


def retitle_without_signals(slug, title):
    # .update() sends no save signal: the cache only notices if something else invalidates it.
    Page.objects.filter(slug=slug).update(title=title)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", ARTICLE])
def test_a_public_page_costs_four_queries_cold_and_none_warm(
    client, url, django_assert_max_num_queries
):
    # The program facts and notices every page shows are read once per staff save, not per page.
    program_facts.current_program()
    program_facts.footer_links()
    # Two for the page; one for the generation (read at most every couple of seconds) and one
    # for the contact details error pages show (when a process starts, and after saves).
    with django_assert_max_num_queries(4):
        cold = client.get(url)
    with django_assert_max_num_queries(0):
        warm = client.get(url)
    with django_assert_max_num_queries(0):
        head = client.head(url)
    assert cold.status_code == warm.status_code == head.status_code
    assert warm.content == cold.content
    assert head.content == b""


@pytest.mark.django_db
def test_a_cached_page_carries_the_same_headers_as_a_fresh_one(client):
    fresh = client.get(ARTICLE)
    cached = client.get(ARTICLE)
    assert dict(cached.items()) == dict(fresh.items())
    assert cached["X-Frame-Options"] == "DENY"
    assert cached["Referrer-Policy"] == "same-origin"
    # Added by middleware below the cache, so a hit only has them if they were stored.
    assert "default-src 'self'" in cached["Content-Security-Policy"]
    assert "camera=()" in cached["Permissions-Policy"]
    assert cached["Content-Length"] == str(len(cached.content))
    assert not cached.cookies


@pytest.mark.django_db
def test_without_invalidation_the_cached_page_is_served(client):
    """The control for the tests below: an edit that bypasses signals is not seen."""
    client.get(ARTICLE)
    retitle_without_signals("what-is-iop", "Changed behind the cache's back")
    assert "Changed behind the cache&#x27;s back" not in text_of(client.get(ARTICLE))


@pytest.mark.django_db
def test_a_staff_edit_in_the_admin_shows_on_the_next_visit(staff_client):
    visitor = Client()
    page = Page.objects.get(slug="what-is-iop")
    assert page.title in text_of(visitor.get(ARTICLE))
    assert page.title in text_of(visitor.get("/"))
    form = {
        "title": "IOP in plain words",
        "slug": page.slug,
        "summary": page.summary,
        "body": page.body,
        "is_published": "on",
        "nav_title": "About IOP",
        "in_menu": "on",
    }
    form = in_columns(form)
    response = staff_client.post(reverse("admin:content_page_change", args=[page.pk]), form)
    assert response.status_code == 302
    assert "<h1>IOP in plain words</h1>" in text_of(visitor.get(ARTICLE))
    assert "About IOP" in text_of(visitor.get("/"))


@pytest.mark.django_db
def test_changing_site_settings_reaches_every_cached_page(client):
    urls = ["/", ARTICLE, "/no-such-page/"]
    for url in urls:
        client.get(url)
    site = SiteSettings.current()
    site.phone = "(800) 555-0199"
    site.save()
    for url in urls:
        assert 'href="tel:+18005550199"' in text_of(client.get(url)), url


@pytest.mark.django_db
def test_unpublishing_or_deleting_a_page_removes_it_at_once(client):
    client.get("/benefits-of-iop/")
    client.get(ARTICLE)
    page = Page.objects.get(slug="benefits-of-iop")
    page.is_published = False
    page.save()
    assert client.get("/benefits-of-iop/").status_code == 404
    Page.objects.get(slug="what-is-iop").delete()
    assert client.get(ARTICLE).status_code == 404
    assert 'href="/what-is-iop/"' not in text_of(client.get("/"))


@pytest.mark.django_db
def test_a_cached_404_gives_way_when_a_page_takes_that_address(client):
    assert client.get("/new-page/").status_code == 404
    Page.objects.create(
        title="New page", slug="new-page", nav_title="New", summary="s", body="<p>b</p>",
        is_published=True,
    )  # fmt: skip
    assert client.get("/new-page/").status_code == 200


class Workers:
    """Each worker process's own memory of pages and generation, switched in turn."""

    def __init__(self, monkeypatch, names):
        self.monkeypatch = monkeypatch
        self.memories = {}
        for name in names:
            pagecache.clear()
            self.memories[name] = pagecache._memory
            # Processes of one site share what they store in Redis; each reads the generation.
            self.memories[name].namespace = "shared"
            self.memories[name].generation = None
            self.memories[name].fresh_until = 0.0

    def visit(self, name, client, url=ARTICLE):
        self.monkeypatch.setattr(pagecache, "_memory", self.memories[name])
        return text_of(client.get(url))


def shows_within(seconds, visit, text):
    """Visit until `text` shows; how long it took, or None if not within `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in visit():
            return time.monotonic() - start
        time.sleep(0.05)
    return None


@pytest.mark.django_db
def test_a_save_in_one_worker_reaches_a_worker_with_its_own_memory(settings, client, monkeypatch):
    settings.IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS = 0.5
    workers = Workers(monkeypatch, ["a", "b"])
    workers.visit("a", client)
    workers.visit("b", client)
    retitle_without_signals("what-is-iop", "Only the database knows")
    assert "Only the database knows" not in workers.visit("b", client)

    workers.visit("a", client)
    page = Page.objects.get(slug="what-is-iop")
    page.title = "Saved in worker A"
    page.save()
    # The saving worker at once; the other once its memory of the generation runs out.
    assert "Saved in worker A" in workers.visit("a", client)
    # Within the promise to staff (5 s), however loaded the machine running the test is.
    assert shows_within(5, lambda: workers.visit("b", client), "Saved in worker A") is not None


@pytest.mark.django_db
def test_clear_page_cache_reaches_a_worker_that_did_not_run_it(settings, client, monkeypatch):
    settings.IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS = 0.5
    workers = Workers(monkeypatch, ["serving", "command"])
    workers.visit("serving", client)
    retitle_without_signals("what-is-iop", "Edited with raw SQL")
    assert "Edited with raw SQL" not in workers.visit("serving", client)
    monkeypatch.setattr(pagecache, "_memory", workers.memories["command"])
    call_command("clear_page_cache", stdout=io.StringIO())
    assert shows_within(5, lambda: workers.visit("serving", client), "Edited with raw SQL")


@pytest.mark.django_db
def test_a_page_cached_before_the_edit_commits_is_dropped_at_commit(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        page = Page.objects.get(slug="what-is-iop")
        page.title = "Committed title"
        page.save()
        # Another worker, not seeing the uncommitted row yet, renders and caches the old one.
        retitle_without_signals("what-is-iop", "Old title seen by another worker")
        assert "Old title seen by another worker" in text_of(client.get(ARTICLE))
        retitle_without_signals("what-is-iop", "Committed title")
    assert on_commit
    for callback in on_commit:
        callback()
    assert "Committed title" in text_of(client.get(ARTICLE))


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ["sessionid", "messages", "someone_elses"])
def test_visitors_with_a_session_or_other_cookie_never_get_a_cached_page(client, cookie):
    client.get(ARTICLE)
    retitle_without_signals("what-is-iop", "Fresh for cookie holders")
    client.cookies[cookie] = "anything"
    response = client.get(ARTICLE)
    assert "Fresh for cookie holders" in text_of(response)
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_csrf_cookie_alone_still_gets_the_cached_page(client):
    # Everyone who opened the self-check carries it; the public pages have no form to protect.
    cached = client.get(ARTICLE)
    retitle_without_signals("what-is-iop", "Not seen by the CSRF cookie holder")
    client.cookies["csrftoken"] = "a" * 32
    response = client.get(ARTICLE)
    assert response.content == cached.content
    assert response["ETag"] == cached["ETag"]


@pytest.mark.django_db
def test_staff_get_fresh_pages_and_their_visits_are_not_stored(staff_client):
    staff_client.get(ARTICLE)
    retitle_without_signals("what-is-iop", "After the staff visit")
    assert "After the staff visit" in text_of(staff_client.get(ARTICLE))
    assert "After the staff visit" in text_of(Client().get(ARTICLE))


@pytest.mark.django_db
def test_a_query_string_skips_the_cache(client):
    client.get("/")
    retitle_without_signals("what-is-iop", "Seen with a query string")
    assert "Seen with a query string" in text_of(client.get("/?utm_source=x"))


@pytest.mark.django_db
def test_the_self_check_is_never_cached(client):
    client.get("/self-check/")
    SiteSettings.objects.filter(pk=1).update(phone="(800) 555-0123")
    assert "(800) 555-0123" in text_of(client.get("/self-check/"))


CALLS = Counter()


def counted(name, **response_kwargs):
    @cache_public_page
    def view(request):
        CALLS[name] += 1
        response = HttpResponse(f"<p>{name}</p>", **response_kwargs)
        if name == "sets-cookie":
            response.set_cookie("chosen", "yes")
        if name == "varies":
            response["Vary"] = "Accept-Language"
        return response

    return view


def not_marked(request):
    CALLS["not-marked"] += 1
    return HttpResponse("<p>not marked</p>")


def with_csrf_form(request):
    from django.middleware.csrf import get_token

    form = f'<form><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>'
    return HttpResponse(form + "<p>Long enough to be worth compressing.</p>" * 20)


def server_error(request):
    CALLS["error"] += 1
    return HttpResponse("<p>error</p>", status=500)


urlpatterns = [
    path("admin/extra/", counted("under-admin")),
    path("admin/", admin.site.urls),
    path("self-check/extra/", counted("under-self-check")),
    path("self-check/", include("screening.urls")),
    path("plain/", counted("plain")),
    path("sets-cookie/", counted("sets-cookie")),
    path("private/", counted("private", headers={"Cache-Control": "private"})),
    path("no-store/", counted("no-store", headers={"Cache-Control": "no-store"})),
    path("varies/", counted("varies")),
    path("error/", cache_public_page(server_error)),
    path("not-marked/", not_marked),
    path("with-form/", cache_public_page(with_csrf_form)),
]


# The generation that says whether a stored page is current lives in the database.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "name", "renders"),
    [
        ("/plain/", "plain", 1),
        ("/admin/extra/", "under-admin", 2),
        ("/self-check/extra/", "under-self-check", 2),
        ("/sets-cookie/", "sets-cookie", 2),
        ("/private/", "private", 2),
        ("/no-store/", "no-store", 2),
        ("/varies/", "varies", 2),
        ("/error/", "error", 2),
        ("/not-marked/", "not-marked", 2),
    ],
)
def test_only_marked_public_responses_are_stored(settings, url, name, renders):
    settings.ROOT_URLCONF = __name__
    CALLS.clear()
    client = Client()
    client.get(url)
    client.cookies.clear()
    client.get(url)
    assert CALLS[name] == renders


@pytest.mark.django_db
def test_post_is_never_answered_from_the_cache(settings):
    settings.ROOT_URLCONF = __name__
    CALLS.clear()
    Client().get("/plain/")
    Client().post("/plain/")
    assert CALLS["plain"] == 2


def redis_cache_settings(prefix, location="redis://127.0.0.1:6379/0"):
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def shared_redis_cache(settings):
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=0.5)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"iop-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = redis_cache_settings(prefix)
    yield
    # Only our own keys: the Redis database is shared with other work on this machine.
    for key in connection.scan_iter(match=f"{prefix}:*"):
        connection.delete(key)


@pytest.mark.django_db
def test_with_redis_a_hit_costs_no_round_trip_and_other_workers_share_the_render(
    shared_redis_cache, client, monkeypatch, django_assert_max_num_queries
):
    from django.core.cache import caches

    cache = caches["default"]
    workers = Workers(monkeypatch, ["a", "b"])
    first = workers.visit("a", client)
    calls = Counter()
    for name in ("get", "get_many", "set", "add"):
        original = getattr(cache, name)
        monkeypatch.setattr(
            cache,
            name,
            lambda *a, _name=name, _original=original, **k: (
                calls.update([_name]),
                _original(*a, **k),
            )[1],
        )
    with django_assert_max_num_queries(0):
        assert workers.visit("a", client) == first
    assert sum(calls.values()) == 0
    # Another worker finds the page in Redis instead of rendering it: one read, one query for
    # its first look at the generation, none for the page.
    with django_assert_max_num_queries(1):
        assert workers.visit("b", client) == first
    assert calls == {"get": 1}


@pytest.mark.django_db
def test_pages_still_render_when_the_cache_server_is_down(settings, client, caplog):
    pytest.importorskip("redis")
    settings.CACHES = redis_cache_settings("down", location="redis://127.0.0.1:1/0")
    for _ in range(2):
        response = client.get(ARTICLE)
        assert response.status_code == 200
        assert "<h1>" in text_of(response)
    assert sum("page cache is unreachable" in record.message for record in caplog.records) <= 1


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", ["Question", "ResultText", "PathBenefit"])
def test_saving_self_check_wording_invalidates_cached_pages(client, model_name):
    from screening import models

    client.get(ARTICLE)
    retitle_without_signals("what-is-iop", "Seen after a wording edit")
    getattr(models, model_name).objects.first().save()
    assert "Seen after a wording edit" in text_of(client.get(ARTICLE))


@pytest.mark.django_db
def test_the_generation_changes_on_every_bump_even_within_one_clock_tick():
    seen = {pagecache._read_generation()}
    for _ in range(50):
        pagecache.invalidate_now()
        seen.add(pagecache._read_generation())
    assert len(seen) == 51


@pytest.mark.django_db
def test_a_cache_that_answers_nothing_means_fresh_pages(settings, client):
    # Like a Redis backend that turns an outage into misses: no generation to trust.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.get(ARTICLE)
    retitle_without_signals("what-is-iop", "Nothing was cached")
    assert "Nothing was cached" in text_of(client.get(ARTICLE))


@pytest.mark.django_db
def test_data_cached_until_edited_is_computed_once_per_staff_save(django_assert_max_num_queries):
    from core.pagecache import cached_until_edited
    from screening.models import Question

    first = cached_until_edited("questions", Question.objects.by_key)
    with django_assert_max_num_queries(0):
        again = cached_until_edited("questions", Question.objects.by_key)
    assert again["relapse"].text_me == first["relapse"].text_me
    question = Question.objects.get(key="relapse")
    question.text_me = "Have you had a relapse?"
    question.save()
    assert cached_until_edited("questions", Question.objects.by_key)["relapse"].text_me == (
        "Have you had a relapse?"
    )


@pytest.mark.django_db
def test_a_wording_save_shows_on_the_next_step():
    from screening.models import Question

    visitor = Client()
    visitor.post("/self-check/", {"answer": "me"})
    step = "/self-check/question/rather_not_live_in/"
    assert visitor.get(step).status_code == 200
    question = Question.objects.get(key="rather_not_live_in")
    question.text_me = "Would you rather live at home during treatment?"
    question.save()
    assert "Would you rather live at home during treatment?" in text_of(visitor.get(step))


@pytest.mark.django_db
def test_restoring_an_older_version_shows_on_the_next_visit(client):
    import reversion
    from reversion.models import Version

    page = Page.objects.get(slug="what-is-iop")
    original = page.title
    with reversion.create_revision():
        page.save()
    page.title = "A title someone regretted"
    with reversion.create_revision():
        page.save()
    assert "A title someone regretted" in text_of(client.get(ARTICLE))
    Version.objects.get_for_object(page).last().revert()
    assert f"<h1>{original}</h1>" in text_of(client.get(ARTICLE))


# --- HTTP caching for shared caches and browsers ------------------------------------------------


@pytest.mark.django_db
def test_public_pages_may_be_kept_by_shared_caches_while_browsers_revalidate(client, settings):
    response = client.get(ARTICLE)
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0"} <= directives
    assert f"s-maxage={settings.IOP_PAGE_CACHE_SHARED_MAX_AGE}" in directives
    assert any(d.startswith("stale-while-revalidate=") for d in directives)
    assert any(d.startswith("stale-if-error=") for d in directives)
    assert response["Vary"] == "Accept-Encoding"
    assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
    assert response["Last-Modified"].endswith(" GMT")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/self-check/", "/admin/login/"])
def test_the_self_check_and_admin_stay_out_of_shared_caches(client, url):
    response = client.get(url)
    assert response.status_code == 200
    cache_control = response.get("Cache-Control", "")
    assert "public" not in cache_control
    assert "s-maxage" not in cache_control
    assert "no-store" in cache_control or "private" in cache_control


@pytest.mark.django_db
def test_a_matching_etag_gets_304_without_a_body(client):
    first = client.get(ARTICLE)
    response = client.get(ARTICLE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == first["ETag"]
    assert response["Cache-Control"] == first["Cache-Control"]
    # The weak form and a list that holds it match too (If-None-Match compares weakly).
    listed = f'"other", W/{first["ETag"]}'
    assert client.get(ARTICLE, HTTP_IF_NONE_MATCH=listed).status_code == 304
    assert client.get(ARTICLE, HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.django_db
def test_if_modified_since_gets_304_until_staff_save(client):
    from core.models import PageGeneration

    # The last change a minute ago, so that the save below is in a later second.
    PageGeneration.objects.update(changed_at=timezone.now() - datetime.timedelta(minutes=1))
    pagecache._memory.fresh_until = 0.0
    first = client.get(ARTICLE)
    since = first["Last-Modified"]
    assert client.get(ARTICLE, HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    assert (
        client.get(ARTICLE, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code
        == 200
    )
    page = Page.objects.get(slug="what-is-iop")
    page.title = "A newer title"
    page.save()
    response = client.get(ARTICLE, HTTP_IF_MODIFIED_SINCE=since)
    assert response.status_code == 200
    assert "A newer title" in text_of(response)
    # A stale ETag does not match the new page either.
    assert client.get(ARTICLE, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=0.5", "gzip"),
        ("", None),
        ("identity", None),
    ],
)
def test_html_is_compressed_by_accept_encoding(client, accept, encoding):
    import gzip

    import brotli

    plain = client.get(ARTICLE).content
    response = client.get(ARTICLE, HTTP_ACCEPT_ENCODING=accept)
    assert response.get("Content-Encoding") == encoding
    assert response["Vary"] == "Accept-Encoding"
    assert response["Content-Length"] == str(len(response.content))
    body = response.content
    if encoding == "br":
        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    assert body == plain
    if encoding:
        assert len(response.content) < len(plain) / 2
        assert response["ETag"] != client.get(ARTICLE)["ETag"]


@pytest.mark.django_db
def test_a_page_is_compressed_once_when_stored_not_on_every_request(client, monkeypatch):
    import brotli

    compressions = Counter()
    original = brotli.compress
    monkeypatch.setattr(
        brotli, "compress", lambda *a, **k: (compressions.update(["br"]), original(*a, **k))[1]
    )
    for _ in range(5):
        assert client.get(ARTICLE, HTTP_ACCEPT_ENCODING="br").status_code == 200
    assert compressions["br"] == 1


@pytest.mark.django_db
def test_a_page_with_a_csrf_token_is_neither_stored_nor_compressed(settings):
    settings.ROOT_URLCONF = __name__
    client = Client()
    for _ in range(2):
        response = client.get("/with-form/", HTTP_ACCEPT_ENCODING="br, gzip")
        client.cookies.clear()
        assert "Content-Encoding" not in response
        assert "ETag" not in response
    assert not pagecache._memory.pages


@pytest.mark.django_db
def test_the_public_pages_carry_no_csrf_token(client, published_pages):
    for url in ["/", *(page.get_absolute_url() for page in published_pages)]:
        response = client.get(url)
        assert b"csrfmiddlewaretoken" not in response.content, url
        assert not response.cookies, url


# --- A bounded cache ----------------------------------------------------------------------------


# The bench-style figure (2,000) was measured by hand; 300 keep the suite fast and show the same.
UNKNOWN_ADDRESSES = int(os.environ.get("IOP_TEST_UNKNOWN_ADDRESSES", "300"))


def stored_page_count():
    return len(pagecache._memory.pages)


@pytest.mark.django_db
def test_unknown_addresses_store_nothing(shared_redis_cache, client):
    import redis

    connection = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    prefix = django_settings_prefix()
    client.get(ARTICLE)
    before = (stored_page_count(), len(list(connection.scan_iter(match=f"{prefix}:*"))))
    for number in range(UNKNOWN_ADDRESSES):
        assert client.get(f"/no-such-page-{number}/").status_code == 404
    after = (stored_page_count(), len(list(connection.scan_iter(match=f"{prefix}:*"))))
    assert before == (1, 1)
    assert after == before


def django_settings_prefix():
    from django.conf import settings

    return settings.CACHES["default"]["KEY_PREFIX"]


@pytest.mark.django_db
def test_host_port_variants_get_a_bounded_number_of_pages(client, settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    for port in range(1000, 1050):
        response = client.get(ARTICLE, HTTP_HOST=f"localhost:{port}")
        assert response.status_code == 200
        # Each still gets links to the address it asked for.
        assert f"http://localhost:{port}/what-is-iop/" in text_of(response)
    assert stored_page_count() == settings.IOP_PAGE_CACHE_EXTRA_HOSTS
    # The site's own name (as a balancer or proxy sends it) is always kept.
    client.get(ARTICLE, HTTP_HOST="localhost")
    client.get(ARTICLE, HTTP_HOST="localhost:80")
    assert stored_page_count() == settings.IOP_PAGE_CACHE_EXTRA_HOSTS + 2


@pytest.mark.django_db
def test_a_host_that_is_not_allowed_is_refused_and_stores_nothing(client):
    response = client.get(ARTICLE, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert stored_page_count() == 0


# --- The hit path before Django -----------------------------------------------------------------


def wsgi_environ(path=ARTICLE, **extra):
    from wsgiref.util import setup_testing_defaults

    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "HTTP_HOST": "testserver", **extra}
    setup_testing_defaults(environ)
    environ["SERVER_NAME"], environ["SERVER_PORT"] = "testserver", "80"
    return environ


def fast_path_counting_django():
    """The page cache's WSGI fast path in front of Django, and how often Django was reached."""
    from django.core.handlers.wsgi import WSGIHandler

    django_app = WSGIHandler()
    calls = Counter()

    def counting(environ, start_response):
        calls["django"] += 1
        return django_app(environ, start_response)

    return pagecache.wsgi(counting), calls


def call_wsgi(application, environ):
    started = {}

    def start_response(status, headers):
        started["status"], started["headers"] = status, dict(headers)

    body = b"".join(application(environ, start_response))
    return started["status"], started["headers"], body


@pytest.fixture
def keep_test_connection():
    # As Django's test client does: a real handler would close the test's own connection.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_a_hit_is_answered_before_django_runs_with_the_same_bytes_and_headers(
    keep_test_connection,
):
    application, calls = fast_path_counting_django()
    first = call_wsgi(application, wsgi_environ(HTTP_ACCEPT_ENCODING="br"))
    again = call_wsgi(application, wsgi_environ(HTTP_ACCEPT_ENCODING="br"))
    assert calls["django"] == 1
    assert again == first
    assert again[1]["Content-Encoding"] == "br"
    assert "default-src 'self'" in again[1]["Content-Security-Policy"]
    assert again[1]["Referrer-Policy"] == "same-origin"
    status, _headers, body = call_wsgi(
        application, wsgi_environ(HTTP_IF_NONE_MATCH=first[1]["ETag"])
    )
    assert (status, body) == ("304 Not Modified", b"")
    # A session cookie, a query string or a POST always reach Django.
    call_wsgi(application, wsgi_environ(HTTP_COOKIE="sessionid=abc"))
    call_wsgi(application, wsgi_environ(QUERY_STRING="q=1"))
    assert calls["django"] == 3


@pytest.mark.django_db
def test_a_hit_over_https_carries_hsts_like_a_render(client, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    fresh = client.get(ARTICLE, secure=True)
    cached = client.get(ARTICLE, secure=True)
    assert fresh["Strict-Transport-Security"] == cached["Strict-Transport-Security"]
    status, headers, _body = call_wsgi(
        pagecache.wsgi(lambda environ, start_response: pytest.fail("reached Django")),
        wsgi_environ(**{"wsgi.url_scheme": "https", "SERVER_PORT": "443"}),
    )
    assert status == "200 OK"
    assert headers["Strict-Transport-Security"].startswith("max-age=3600")


# --- A save the cache could not take in is never a silent success ------------------------------


@pytest.mark.django_db
def test_when_the_generation_cannot_be_changed_staff_are_told_and_it_is_retried(
    staff_client, monkeypatch
):
    from django.db import OperationalError

    original = pagecache._bump
    failures = Counter()

    def failing_bump():
        failures["bump"] += 1
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(pagecache, "_bump", failing_bump)
    page = Page.objects.get(slug="what-is-iop")
    form = {
        "title": "Saved while the cache could not be told",
        "slug": page.slug,
        "summary": page.summary,
        "body": page.body,
        "is_published": "on",
        "nav_title": page.nav_title,
        "nav_order": page.nav_order,
    }
    form = in_columns(form)
    response = staff_client.post(
        reverse("admin:content_page_change", args=[page.pk]), form, follow=True
    )
    assert response.status_code == 200
    html = text_of(response)
    assert "has not picked it up yet" in html
    assert failures["bump"] >= 1
    # The edit itself is kept.
    assert Page.objects.get(pk=page.pk).title == "Saved while the cache could not be told"
    # Next time this process looks at the generation, it tries again, and now it works.
    monkeypatch.setattr(pagecache, "_bump", original)
    pagecache._memory.fresh_until = 0.0
    assert "Saved while the cache could not be told" in text_of(Client().get(ARTICLE))
    assert not pagecache._memory.bump_pending
