import os
import subprocess
import sys
import uuid
from collections import Counter

import pytest
from django.conf import settings as django_settings
from django.contrib import admin
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path, reverse

from content.models import Page, SiteSettings
from core.pagecache import GENERATION_KEY, cache_public_page

ARTICLE = "/what-is-iop/"


def text_of(response):
    return response.content.decode()


def retitle_without_signals(slug, title):
    # .update() sends no save signal: the cache only notices if something else invalidates it.
    Page.objects.filter(slug=slug).update(title=title)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", ARTICLE, "/no-such-page/"])
def test_a_public_page_costs_two_queries_cold_and_none_warm(
    client, url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
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


@pytest.mark.django_db
def test_a_save_in_one_worker_reaches_a_worker_with_its_own_memory(settings, client):
    # Two local-memory caches with different locations share nothing, like two processes.
    settings.CACHES = {
        **settings.CACHES,
        "worker-a": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "a"},
        "worker-b": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "b"},
    }

    def visit(worker):
        settings.PAGE_CACHE_ALIAS = worker
        return text_of(client.get(ARTICLE))

    visit("worker-a")
    visit("worker-b")
    retitle_without_signals("what-is-iop", "Only the database knows")
    assert "Only the database knows" not in visit("worker-b")

    settings.PAGE_CACHE_ALIAS = "worker-a"
    page = Page.objects.get(slug="what-is-iop")
    page.title = "Saved in worker A"
    page.save()
    assert "Saved in worker A" in visit("worker-b")
    assert "Saved in worker A" in visit("worker-a")


@pytest.mark.django_db
def test_clear_page_cache_run_in_another_process_reaches_this_one(client):
    client.get(ARTICLE)
    retitle_without_signals("what-is-iop", "Edited with raw SQL")
    assert "Edited with raw SQL" not in text_of(client.get(ARTICLE))
    subprocess.run(
        [sys.executable, "manage.py", "clear_page_cache"],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "iop_site.settings"},
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert "Edited with raw SQL" in text_of(client.get(ARTICLE))


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
@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken", "messages"])
def test_visitors_with_a_cookie_never_get_a_cached_page(client, cookie):
    client.get(ARTICLE)
    retitle_without_signals("what-is-iop", "Fresh for cookie holders")
    client.cookies[cookie] = "anything"
    assert "Fresh for cookie holders" in text_of(client.get(ARTICLE))


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
]


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
def test_with_redis_the_generation_lives_in_the_shared_cache(
    shared_redis_cache, client, django_assert_max_num_queries
):
    from django.core.cache import cache

    client.get(ARTICLE)
    with django_assert_max_num_queries(0):
        client.get(ARTICLE)
    before = cache.get(GENERATION_KEY)
    assert before
    page = Page.objects.get(slug="what-is-iop")
    page.title = "Saved on another server"
    page.save()
    assert cache.get(GENERATION_KEY) != before
    assert "Saved on another server" in text_of(client.get(ARTICLE))


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


def test_the_generation_changes_on_every_bump_even_within_one_clock_tick(settings, tmp_path):
    from core import pagecache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    seen = {pagecache._file_generation()}
    for _ in range(50):
        pagecache.clear()
        seen.add(pagecache._file_generation())
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
