"""Varnish in front of gunicorn, configured by deploy/varnish.vcl, as `make edge` runs it.

Needs varnishd and wrk (Debian: apt-get install varnish wrk); skips without them unless
REQUIRE_EDGE=1 (CI), which makes that a failure. Everything runs on 127.0.0.1 with its own
SQLite database in a temporary folder.
"""

import contextlib
import http.client
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse

import pytest

from core import purge
from core.management.commands.edge_vcl import render_vcl
from scripts.edge import varnish, varnish_counters, varnishd_path

from .servers import ROOT, Visitor, fetch, free_port, gunicorn, server_env
from .spanish_helpers import english_words

ARTICLE = "/what-is-iop/"
OTHER_ARTICLE = "/benefits-of-iop/"
STAFF = {"username": "edge-editor", "password": "a-long-edge-passphrase-7"}


@pytest.fixture(scope="module", autouse=True)
def edge_tools():
    missing = [
        name
        for name, found in [("varnishd", varnishd_path()), ("wrk", shutil.which("wrk"))]
        if not found
    ]
    if missing:
        message = f"needs {' and '.join(missing)} (Debian: apt-get install varnish wrk)"
        if os.environ.get("REQUIRE_EDGE") == "1":
            pytest.fail(message + "; REQUIRE_EDGE=1 makes this a failure.")
        pytest.skip(message)


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory):
    """One migrated SQLite file with a staff account, copied for each site below."""
    path = tmp_path_factory.mktemp("edge-db") / "template.sqlite3"
    env = server_env(
        DATABASE_URL=f"sqlite:///{path}",
        DJANGO_SUPERUSER_USERNAME=STAFF["username"],
        DJANGO_SUPERUSER_PASSWORD=STAFF["password"],
        DJANGO_SUPERUSER_EMAIL="edge-editor@example.com",
    )
    for command in (["migrate", "--noinput", "-v", "0"], ["createsuperuser", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    return path


@contextlib.contextmanager
def site_behind_varnish(folder, migrated_database, **env_overrides):
    """Yield (edge URL, varnish -n folder, stop_app): gunicorn with Varnish in front, purging it."""
    database = folder / "db.sqlite3"
    shutil.copyfile(migrated_database, database)
    edge_port = free_port()
    env = server_env(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_EDGE_PURGE_URL=f"http://127.0.0.1:{edge_port}/",
        DJANGO_TRUSTED_PROXY_COUNT="1",
        DJANGO_CONTACT_SNAPSHOT_FILE=str(folder / "contact.json"),
        DJANGO_SESSION_FILE_PATH=str(folder / "sessions"),
        # Each app process re-reads the page-cache generation on every request, so what these
        # tests see after a save is the edge's part alone; with the default few seconds, the
        # follow-up purge covers that window (tests/test_purge.py).
        DJANGO_PAGE_CACHE_GENERATION_CHECK_SECONDS="0",
        # As `make edge` runs it: Varnish is purged on save, so it keeps pages for minutes.
        **{
            "DJANGO_PAGE_CACHE_SHARED_MAX_AGE": "300",
            "DJANGO_PAGE_CACHE_STALE_WHILE_REVALIDATE": "30",
            **env_overrides,
        },
    )
    with contextlib.ExitStack() as edge_stack:
        app_stack = contextlib.ExitStack()
        with app_stack:
            app = app_stack.enter_context(
                gunicorn(env, workers=2, threads=2, log_path=folder / "gunicorn.log")
            )
            # Rendered here: this process has the same settings the servers read.
            vcl = folder / "edge.vcl"
            vcl.write_text(render_vcl(app.removeprefix("http://")))
            edge, name = edge_stack.enter_context(
                varnish(vcl, folder, edge_port, log_path=folder / "varnish.log")
            )
            yield edge, name, app_stack.close


@pytest.fixture(scope="module")
def edge(tmp_path_factory, migrated_database):
    with site_behind_varnish(tmp_path_factory.mktemp("edge"), migrated_database) as (
        url,
        name,
        _stop,
    ):
        yield url, name


def get(url, **headers):
    return fetch(url, headers=headers)


def test_articles_are_answered_by_varnish_with_a_hit_ratio_of_95_percent_or_more(edge):
    url, name = edge
    before = varnish_counters(name)
    output = subprocess.run(
        [shutil.which("wrk"), "-t2", "-c8", "-d2s", url + ARTICLE],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    # Varnish's threads add their counts to the shared ones in batches: wait until all arrived.
    deadline = time.monotonic() + 10
    after = varnish_counters(name)
    while after["client_req"] - before["client_req"] < requests and time.monotonic() < deadline:
        time.sleep(0.1)
        after = varnish_counters(name)
    hits = after["cache_hit"] - before["cache_hit"]
    misses = after["cache_miss"] - before["cache_miss"]
    assert requests >= 500, output
    assert "Non-2xx" not in output, output
    assert hits + misses >= requests * 0.99, (hits, misses, requests)
    assert hits / (hits + misses) >= 0.95, (hits, misses)


@pytest.mark.parametrize(
    ("cookie", "answered_by"),
    [
        ("_ga=GA1.2.3; theme=dark", "HIT"),
        ("sessionid=abc", "PASS"),
        ("csrftoken=abc; _ga=1", "HIT"),
        ("csrftoken=abc; sessionid=abc", "PASS"),
    ],
)
def test_only_the_sites_own_cookies_send_a_visit_past_the_cache(edge, cookie, answered_by):
    url, _name = edge
    get(url + OTHER_ARTICLE)
    _status, headers, _body = get(url + OTHER_ARTICLE, Cookie=cookie)
    assert headers["X-Cache"] == answered_by


def test_each_visitor_gets_only_an_encoding_they_asked_for(edge):
    url, _name = edge
    # A brotli copy first, so a mix-up would hand it to the others.
    asked = [("br, gzip", "br"), ("gzip, deflate", "gzip"), ("identity", None), ("br", "br")]
    for accept, expected in asked:
        parts = urllib.parse.urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        try:
            connection.request("GET", ARTICLE, headers={"Accept-Encoding": accept})
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        assert response.status == 200
        assert response.getheader("Content-Encoding") == expected, accept
        if expected is None:
            assert b"</html>" in body


def test_a_staff_save_through_varnish_shows_on_the_next_request(edge):
    url, _name = edge
    for path in (ARTICLE, OTHER_ARTICLE, "/"):
        get(url + path)
        status, headers, _body = get(url + path)
        assert status == 200
        assert headers["X-Cache"] == "HIT", path

    staff = Visitor()
    _status, _headers, login_page = staff.get(url + "/admin/login/?next=/admin/")
    status, _headers, dashboard = staff.submit(url, "/admin/login/?next=/admin/", login_page, STAFF)
    assert status == 200
    assert "Log out" in dashboard
    _status, _headers, listing = staff.get(url + "/admin/content/page/")
    change_path = re.search(r'href="(/admin/content/page/\d+/change/)[^"]*">What', listing).group(1)
    _status, _headers, form_page = staff.get(url + change_path)
    started = time.monotonic()
    status, _headers, saved = staff.submit(
        url,
        change_path,
        form_page,
        {"title_en": "IOP, edited at the edge", "nav_title_en": "Edge-edited IOP", "_save": "Save"},
        form_with="title_en",
    )
    assert status == 200
    assert "was changed successfully" in saved
    assert "has not updated yet" not in saved

    status, headers, article = get(url + ARTICLE)
    elapsed = time.monotonic() - started
    assert status == 200
    assert "IOP, edited at the edge" in article
    assert headers["X-Cache"] == "MISS"
    # The menu is on every page, so the other article and the home page changed too.
    for path in (OTHER_ARTICLE, "/"):
        _status, _headers, body = get(url + path)
        assert "Edge-edited IOP" in body, path
    assert elapsed < 5, f"save to visible took {elapsed:.2f}s"


def test_the_self_check_completes_through_varnish_and_is_never_stored(edge):
    url, _name = edge
    visitor = Visitor()
    _status, headers, page = visitor.get(url + "/self-check/")
    assert headers["X-Cache"] == "PASS"
    status, _headers, page = visitor.submit(
        url, "/self-check/", page, {"answer": "me"}, form_with="answer"
    )
    assert status == 200
    for step, value in [
        ("rather_not_live_in", "yes"),
        ("stepping_down", "no"),
        ("relapse", "no"),
        ("detox", "completed"),
    ]:
        status, _headers, page = visitor.submit(
            url, f"/self-check/question/{step}/", page, {"answer": value}, form_with="answer"
        )
        assert status == 200, step
    status, headers, result = visitor.submit(
        url, "/self-check/result/", page, form_with="/self-check/result/"
    )
    assert status == 200
    assert 'data-outcome="good-fit"' in result
    assert "no-store" in headers["Cache-Control"]
    # Another visitor reading the same address gets nothing of it.
    status, _headers, body = Visitor().get(url + "/self-check/check/")
    assert 'data-outcome="good-fit"' not in body


def test_spanish_pages_are_kept_apart_and_the_spanish_self_check_is_never_stored(edge):
    url, _name = edge
    for path in ["/es/self-check/", "/es/self-check/question/detox/"]:
        for _ in range(2):
            _status, headers, _body = get(url + path)
            assert headers["X-Cache"] == "PASS", path
    get(url + "/es" + OTHER_ARTICLE)
    _status, headers, spanish = get(url + "/es" + OTHER_ARTICLE)
    assert headers["X-Cache"] == "HIT"
    assert headers["Content-Language"] == "es" and '<html lang="es">' in spanish
    _status, headers, english = get(url + OTHER_ARTICLE)
    assert headers["Content-Language"] == "en" and '<html lang="en">' in english
    # The app's "everything" ban reaches the Spanish copies too.
    assert ban(url, purge.address_pattern(purge.EVERYTHING), source="127.0.0.1") == 200
    _status, headers, _body = get(url + "/es" + OTHER_ARTICLE)
    assert headers["X-Cache"] == "MISS"


def test_purges_are_taken_from_the_app_servers_and_refused_from_elsewhere(edge):
    url, _name = edge
    get(url + OTHER_ARTICLE)
    # All of 127.0.0.0/8 is this machine, but only 127.0.0.1 is on the VCL's purge list.
    assert ban(url, "^/", source="127.0.0.2") == 403
    _status, headers, _body = get(url + OTHER_ARTICLE)
    assert headers["X-Cache"] == "HIT"
    assert ban(url, "^/", source="127.0.0.1") == 200
    _status, headers, _body = get(url + OTHER_ARTICLE)
    assert headers["X-Cache"] == "MISS"


def ban(url, pattern, source):
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5, source_address=(source, 0))
    try:
        connection.request("BAN", "/", headers={"X-Ban-Url": pattern})
        return connection.getresponse().status
    finally:
        connection.close()


def test_with_the_app_servers_stopped_cached_articles_still_answer(tmp_path, migrated_database):
    # Short lifetimes, so the copy is past s-maxage and stale-while-revalidate within the test;
    # stale-if-error stays the default (a day).
    short = {
        "DJANGO_PAGE_CACHE_SHARED_MAX_AGE": "1",
        "DJANGO_PAGE_CACHE_STALE_WHILE_REVALIDATE": "1",
    }
    with site_behind_varnish(tmp_path, migrated_database, **short) as (url, _name, stop_app):
        status, headers, fresh = get(url + ARTICLE)
        assert status == 200
        assert "stale-if-error=" in headers["Cache-Control"]
        stored_at = time.monotonic() - int(headers["Age"])
        stop_app()
        # The copy's age is a matter of time, not of any state to poll: wait until it is past
        # s-maxage plus stale-while-revalidate (with half a second for Age's whole seconds).
        time.sleep(max(0.0, stored_at + 1 + 1 + 0.5 - time.monotonic()))
        status, headers, body = get(url + ARTICLE)
        assert status == 200
        assert body == fresh
        assert headers["X-Cache"] == "HIT-STALE"
        # An address Varnish never kept gets its own short page with the crisis lines.
        status, _headers, body = get(url + "/no-such-page-kept/")
        assert status == 503
        assert 'href="tel:988"' in body
        assert "1-800-662-4357" in body
        # On a Spanish address, in Spanish.
        status, headers, body = get(url + "/es/no-such-page-kept/")
        assert status == 503
        assert headers["Content-Language"] == "es"
        assert '<html lang="es">' in body and 'href="tel:988"' in body
        assert english_words(body) == []
