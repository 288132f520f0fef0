import logging

import pytest
from django.db import OperationalError, connections
from django.test import Client

from tests.servers import closed_port, fetch, gunicorn, server_env
from tests.staff_helpers import EDITOR_PASSWORD


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


@pytest.mark.django_db
def test_a_session_write_with_redis_down_fails_softly_not_with_a_500(client, redis_down, editor):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": EDITOR_PASSWORD, "next": "/admin/"},
    )
    # The login itself works; the session cannot be kept, so the next page asks again.
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302


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
        status, _headers, body = fetch(base + "/healthz")
        assert status == 503
        assert '"database": "failed"' in body
        assert '"cache": "failed"' in body


@pytest.mark.django_db
def test_the_self_check_with_redis_down_starts_over_instead_of_failing(client, redis_down):
    response = client.post("/self-check/", {"answer": "me"})
    assert response.status_code == 302
    # The answer could not be kept, so the next step sends the visitor back to the start.
    follow = client.get(response["Location"])
    assert follow.status_code == 302
    assert follow["Location"] == "/self-check/"
    start = client.get("/self-check/")
    assert start.status_code == 200
    assert "could not find your answers" in start.content.decode()
