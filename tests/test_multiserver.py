"""Two gunicorn servers sharing one PostgreSQL database and one Redis behave as one site.

Runs in the PostgreSQL pass (`make test-postgres`); skips elsewhere unless REQUIRE_SERVICES=1,
which turns a missing PostgreSQL or Redis into a failure.
"""

import os
import urllib.parse

import pytest
from django.conf import settings
from django.db import connection

from content.models import Page
from tests.servers import Visitor, gunicorn, server_env

pytestmark = [
    pytest.mark.multiserver,
    # Committed data, so the servers' own connections see it; the starting content is restored.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def database_url():
    db = connection.settings_dict
    credentials = urllib.parse.quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + urllib.parse.quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker, tmp_path_factory):
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        message = "needs PostgreSQL and Redis: run `make test-postgres`"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    env = server_env(DATABASE_URL=database_url(), REDIS_URL=os.environ["REDIS_URL"])
    logs = tmp_path_factory.mktemp("gunicorn")
    with (
        gunicorn(env, log_path=logs / "a.log") as a,
        gunicorn(env, log_path=logs / "b.log") as b,
    ):
        yield a, b


def test_the_servers_share_the_test_database_and_redis(servers):
    # Guard against a test that passes because both servers quietly used SQLite or local memory.
    assert settings.CACHES["default"]["BACKEND"] == "iop_site.cache.ResilientRedisCache"
    a, b = servers
    for base in (a, b):
        status, _headers, body = Visitor().get(base + "/healthz")
        assert status == 200, body


def test_a_staff_edit_saved_through_a_is_what_b_serves_next(servers, django_user_model):
    a, b = servers
    django_user_model.objects.create_superuser("editor", "e@example.com", "a-long-passphrase-1")
    page = Page.objects.published().get(slug="what-is-iop")
    reader = Visitor()
    status, _headers, before = reader.get(b + page.get_absolute_url())
    assert status == 200
    assert "Edited on server A" not in before

    staff = Visitor()
    _status, _headers, login_page = staff.get(a + "/admin/login/?next=/admin/")
    status, _headers, _body = staff.submit(
        a,
        "/admin/login/?next=/admin/",
        login_page,
        {"username": "editor", "password": "a-long-passphrase-1"},
    )
    assert status == 200
    # The staff session made on A is good on B too: sessions live in Redis.
    status, _headers, dashboard = staff.get(b + "/admin/")
    assert status == 200
    assert "Log out" in dashboard

    change_path = f"/admin/content/page/{page.pk}/change/"
    _status, _headers, form_page = staff.get(a + change_path)
    status, _headers, saved = staff.submit(
        a,
        change_path,
        form_page,
        {"title": "What IOP is (Edited on server A)", "_save": "Save"},
        form_with="title",
    )
    assert status == 200
    assert "was changed successfully" in saved

    status, _headers, after = reader.get(b + page.get_absolute_url())
    assert status == 200
    assert "Edited on server A" in after
