import json

import pytest
from django.db import OperationalError, connection

from tests.redis_servers import cache_settings, own_redis
from tests.servers import closed_port


def redis_down_caches():
    return cache_settings(f"redis://127.0.0.1:{closed_port()}/0")


@pytest.mark.django_db
def test_status_is_200_when_database_and_cache_answer(client):
    response = client.get("/healthz/status")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }


@pytest.mark.django_db
def test_healthz_is_200_when_this_server_can_serve(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz", "/healthz/status"])
def test_health_endpoints_are_never_cached(client, url):
    response = client.get(url)
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response


def refuse_database(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)


def test_with_the_database_down_healthz_stays_200_and_status_names_it(client, monkeypatch):
    # This server still answers cached pages and the outage page with the phone number: a
    # balancer must keep sending it visitors (every server shares the same database).
    refuse_database(monkeypatch)
    assert client.get("/healthz").status_code == 200
    response = client.get("/healthz/status")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["checks"] == {"database": "failed", "cache": "ok"}
    assert body["problems"] == {"database": "OperationalError"}


@pytest.mark.django_db
def test_with_redis_down_healthz_stays_200_and_status_names_the_cache(client, settings):
    settings.CACHES = redis_down_caches()
    assert client.get("/healthz").status_code == 200
    response = client.get("/healthz/status")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"] == {"database": "ok", "cache": "failed"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "problem"),
    [
        # Full: no memory left and nothing may be evicted. Still answers PING.
        (("--maxmemory", "1", "--maxmemory-policy", "noeviction"), "OutOfMemoryError"),
        # Read-only: a replica, as during a failover. Still answers PING.
        (("--replicaof", "127.0.0.1", "1"), "ReadOnlyError"),
    ],
)
def test_status_names_a_full_or_read_only_redis(client, settings, options, problem):
    with own_redis(*options) as url:
        settings.CACHES = cache_settings(url)
        response = client.get("/healthz/status")
        assert response.status_code == 503
        body = json.loads(response.content)
        assert body["checks"]["cache"] == "failed"
        assert body["problems"]["cache"] == problem
        assert client.get("/healthz").status_code == 200


def test_healthz_fails_when_this_server_cannot_render_its_outage_page(client, settings, tmp_path):
    # As if the deploy lost its templates: this server cannot even show the phone number.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path], "APP_DIRS": False}]
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "failed"}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz", "/healthz/status"])
def test_health_endpoints_are_not_redirected_to_https_but_pages_are(client, settings, url):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(url).status_code == 200
    page = client.get("/")
    assert page.status_code == 301
    assert page["Location"].startswith("https://")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz", "/healthz/status"])
def test_health_endpoints_refuse_posts(client, url):
    assert client.post(url).status_code == 405


@pytest.mark.django_db
def test_behind_a_tls_proxy_forwarded_https_requests_are_served_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    assert client.get("/", HTTP_X_FORWARDED_PROTO="http").status_code == 301
