import json
import logging
import time

import pytest
from django.db import OperationalError, connections
from django.test import Client
from django.urls import reverse

from content.models import SiteSettings
from core import contact, pagecache
from core.models import PageGeneration
from tests.redis_servers import cache_settings, own_redis
from tests.servers import closed_port, fetch, gunicorn, server_env
from tests.staff_helpers import EDITOR_PASSWORD, settings_form

ARTICLE = "/what-is-iop/"


@pytest.mark.django_db
def test_pages_still_render_with_redis_down_and_the_outage_is_logged_once(
    client, redis_down, published_pages, caplog
):
    caplog.set_level(logging.DEBUG, logger="core.cache")
    # A returning visitor's session cookie makes the admin look the session up in the cache.
    client.cookies["sessionid"] = "a" * 32
    urls = ["/", "/self-check/", "/admin/login/"]
    urls += [page.get_absolute_url() for page in published_pages]
    for url in urls * 2:
        assert client.get(url).status_code == 200, url
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "Redis cache unreachable" in warnings[0].getMessage()


def assert_cannot_go_on_page(response, phone_href="tel:+18447448783"):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "we can't go on right now" in html.lower()
    assert f'href="{phone_href}"' in html
    assert "988" in html


@pytest.mark.django_db
def test_a_login_with_redis_down_says_it_cannot_go_on_instead_of_bouncing_or_a_500(
    client, redis_down, editor
):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": EDITOR_PASSWORD, "next": "/admin/"},
    )
    # The session that would keep the login cannot be stored: said plainly, not a silent bounce.
    assert_cannot_go_on_page(response)


def test_cache_backs_off_after_a_failure_then_tries_redis_again(redis_down, caplog):
    from django.core.cache import cache

    caplog.set_level(logging.DEBUG, logger="core.cache")
    assert cache.get("anything", "fallback") == "fallback"
    assert cache.is_down
    assert cache.get("anything") is None
    assert len(caplog.records) == 1  # the second miss did not even try Redis
    cache._down_until = 0.0  # as if the back-off had run out
    assert cache.get("anything") is None
    assert [r.levelname for r in caplog.records] == ["WARNING", "DEBUG"]


def database_gone(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server")

    for connection in connections.all():
        monkeypatch.setattr(connection, "cursor", refuse)


def test_article_page_with_the_database_down_is_our_503_with_the_phone(monkeypatch):
    database_gone(monkeypatch)
    response = Client(raise_request_exception=False).get("/what-is-iop/")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "something went wrong on our side" in html
    assert 'href="tel:+18447448783"' in html
    assert "OperationalError" not in html
    assert "Traceback" not in html


def test_real_server_with_postgres_and_redis_unreachable_serves_our_error_page():
    env = server_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/iop_scale_nowhere",
        REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0",
    )
    with gunicorn(env, workers=1, threads=2) as base:
        for path in ["/", "/what-is-iop/", "/self-check/"]:
            status, _headers, html = fetch(base + path)
            assert status == 503, path
            assert "(844) 744-8783" in html
            assert "Traceback" not in html
            assert "psycopg" not in html
        # The balancer keeps this server (it still answers the phone number); monitoring sees why.
        status, _headers, body = fetch(base + "/healthz")
        assert status == 200
        status, _headers, body = fetch(base + "/healthz/status")
        assert status == 503
        assert json.loads(body)["checks"] == {"database": "failed", "cache": "failed"}


@pytest.mark.django_db
def test_the_self_check_with_redis_down_says_it_cannot_go_on_and_gives_the_phone(
    client, redis_down
):
    # Before, the answer was dropped silently and the next step sent the visitor back to the
    # start; now the visitor is told at once, with the number to call.
    assert client.get("/self-check/").status_code == 200
    assert_cannot_go_on_page(client.post("/self-check/", {"answer": "me"}))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "options",
    [("--maxmemory", "1", "--maxmemory-policy", "noeviction"), ("--replicaof", "127.0.0.1", "1")],
    ids=["full", "read-only"],
)
def test_with_redis_full_or_read_only_pages_answer_and_the_self_check_says_so(
    client, settings, options
):
    with own_redis(*options) as url:
        settings.CACHES = cache_settings(url)
        settings.SESSION_ENGINE = "core.sessions"
        for _ in range(2):
            assert client.get(ARTICLE).status_code == 200
            assert client.get("/").status_code == 200
        assert client.get("/self-check/").status_code == 200
        assert_cannot_go_on_page(client.post("/self-check/", {"answer": "me"}))


# --- Contact details on outage pages; cached pages for everyone in a database outage -----------


def test_with_nothing_remembered_outage_pages_show_the_starting_phone(monkeypatch):
    database_gone(monkeypatch)
    html = Client(raise_request_exception=False).get(ARTICLE).content.decode()
    assert 'href="tel:+18447448783"' in html


@pytest.mark.django_db
def test_the_outage_page_shows_the_phone_staff_saved_last(
    staff_client, monkeypatch, django_capture_on_commit_callbacks
):
    site = SiteSettings.current()
    form = settings_form(site, provider_name="Harbor Recovery", phone="(800) 555-0142")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:content_sitesettings_change", args=[1]), form)
    assert response.status_code == 302, response.content.decode()
    database_gone(monkeypatch)
    response = Client(raise_request_exception=False).get("/self-check/")
    html = response.content.decode()
    assert response.status_code == 503
    assert 'href="tel:+18005550142"' in html
    assert "(800) 555-0142" in html
    assert "(844) 744-8783" not in html
    assert contact.last_known_contact()["provider_name"] == "Harbor Recovery"


@pytest.mark.django_db
def test_another_process_knows_the_saved_phone_from_the_snapshot_file():
    contact.remember("Harbor Recovery", "(800) 555-0142")
    # A worker that started after the save: nothing in its memory, only the file.
    monkeypatch_memory = contact._remembered
    contact._remembered = None
    try:
        assert contact.last_known_contact() == {
            "provider_name": "Harbor Recovery",
            "phone": "(800) 555-0142",
            "phone_href": "tel:+18005550142",
        }
    finally:
        contact._remembered = monkeypatch_memory


@pytest.mark.django_db
def test_a_server_that_sees_a_new_generation_learns_the_new_phone(client, settings):
    settings.IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS = 0
    client.get(ARTICLE)
    assert contact.last_known_contact()["phone"] == "(844) 744-8783"
    # Saved on another server: this one only sees the rows and the generation change.
    SiteSettings.objects.filter(pk=1).update(phone="(800) 555-0177")
    PageGeneration.objects.filter(pk=1).update(token="saved-elsewhere")
    client.get(ARTICLE)
    assert contact.last_known_contact()["phone"] == "(800) 555-0177"


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ["csrftoken", "sessionid"])
def test_in_a_database_outage_cached_pages_answer_visitors_with_cookies_too(
    settings, monkeypatch, cookie
):
    settings.IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS = 0
    warm = {url: Client().get(url).content for url in ("/", ARTICLE)}
    database_gone(monkeypatch)
    visitor = Client(raise_request_exception=False)
    visitor.cookies[cookie] = "a" * 32
    for url, body in warm.items():
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert response.content == body
    # Pages nobody has read yet cannot be made: our 503 with the phone.
    assert visitor.get("/benefits-of-iop/").status_code == 503


# --- A staff save under a cache that refuses writes --------------------------------------------


@pytest.mark.django_db
def test_a_save_reaches_every_worker_while_redis_refuses_writes(
    settings, staff_client, monkeypatch, django_capture_on_commit_callbacks
):
    redis = pytest.importorskip("redis")
    settings.IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS = 1
    with own_redis() as url:
        settings.CACHES = cache_settings(url, timeout=0.5)
        # Two workers, each with its own memory, both holding the page (in memory and Redis).
        workers = {}
        for name in ("a", "b"):
            pagecache.clear()
            pagecache._memory.namespace = "shared"
            workers[name] = pagecache._memory
            assert "(844) 744-8783" in Client().get(ARTICLE).content.decode()
        # As during a failover: Redis takes reads but holds every write.
        redis.Redis.from_url(url).execute_command("CLIENT", "PAUSE", "20000", "WRITE")
        monkeypatch.setattr(pagecache, "_memory", workers["a"])
        site = SiteSettings.current()
        site.phone = "(800) 555-0199"
        with django_capture_on_commit_callbacks(execute=True):
            site.save()
        saved = time.monotonic()
        seen = {}
        while len(seen) < 2 and time.monotonic() - saved < 10:
            for name, memory in workers.items():
                monkeypatch.setattr(pagecache, "_memory", memory)
                if name not in seen and "(800) 555-0199" in Client().get(ARTICLE).content.decode():
                    seen[name] = time.monotonic() - saved
            time.sleep(0.05)
        redis.Redis.from_url(url).execute_command("CLIENT", "UNPAUSE")
    assert set(seen) == {"a", "b"}
    assert max(seen.values()) < 5, seen
