import json

import pytest
from django.db import OperationalError, connection


@pytest.mark.django_db
def test_healthz_is_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }


@pytest.mark.django_db
def test_healthz_is_no_store_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response


def test_healthz_names_the_database_when_it_is_down(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"] == {"database": "failed", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_names_the_cache_when_redis_is_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"] == {"database": "ok", "cache": "failed"}


@pytest.mark.django_db
def test_healthz_is_not_redirected_to_https_but_pages_are(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    page = client.get("/")
    assert page.status_code == 301
    assert page["Location"].startswith("https://")


@pytest.mark.django_db
def test_healthz_refuses_posts(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_behind_a_tls_proxy_forwarded_https_requests_are_served_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    assert client.get("/", HTTP_X_FORWARDED_PROTO="http").status_code == 301
