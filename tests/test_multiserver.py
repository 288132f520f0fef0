"""Two gunicorn servers sharing one PostgreSQL database and one Redis behave as one site.

Runs in the PostgreSQL pass (`make test-postgres`); skips elsewhere unless REQUIRE_SERVICES=1,
which turns a missing PostgreSQL or Redis into a failure.
"""

import html
import json
import os
import re
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.db.models import Sum

from content.models import Page
from screening.models import OutcomeCount
from tests.redis_servers import own_redis
from tests.screening_helpers import CHECK, RESULT, START, question_url
from tests.servers import Visitor, closed_port, fetch, gunicorn, server_env

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
    env = server_env(
        DATABASE_URL=database_url(),
        REDIS_URL=os.environ["REDIS_URL"],
        # Hundreds of visitors here all come from 127.0.0.1; the per-client limit on counted
        # self-checks is tested in test_screening_counts.py.
        DJANGO_SELF_CHECK_COMPLETIONS_PER_MINUTE="100000",
    )
    logs = tmp_path_factory.mktemp("gunicorn")
    with (
        gunicorn(env, log_path=logs / "a.log") as a,
        gunicorn(env, log_path=logs / "b.log") as b,
    ):
        yield a, b


def test_both_servers_answer_healthy_and_the_tests_run_on_redis(servers):
    # Guard against a test that passes because both servers quietly used SQLite or local memory.
    assert settings.CACHES["default"]["BACKEND"] == "core.cache.ResilientRedisCache"
    a, b = servers
    for base in (a, b):
        status, _headers, body = Visitor().get(base + "/healthz")
        assert status == 200, body


def test_a_staff_edit_saved_through_a_is_what_b_serves_within_5_s(servers, django_user_model):
    a, b = servers
    editor = django_user_model.objects.create_superuser("editor", "e@example.com")
    # Hashed as production does: the servers do not share the tests' fast hasher setting.
    hasher = PBKDF2PasswordHasher()
    editor.password = hasher.encode("a-long-passphrase-1", hasher.salt())
    editor.save()
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
        {"title_en": "What IOP is (Edited on server A)", "_save": "Save"},
        form_with="title_en",
    )
    assert status == 200
    assert "was changed successfully" in saved

    # B learns of the save when its memory of the generation runs out (2 s), not on the very
    # next request: that memory is what lets a hit cost no query and no Redis round trip.
    saved_at = time.monotonic()
    while time.monotonic() - saved_at < 5:
        status, _headers, after = reader.get(b + page.get_absolute_url())
        assert status == 200
        if "Edited on server A" in after:
            break
        time.sleep(0.1)
    assert "Edited on server A" in after


OUTCOME = re.compile(r'data-outcome="([a-z-]+)"')


def outcome_totals():
    return dict(
        OutcomeCount.objects.values("outcome").annotate(n=Sum("count")).values_list("outcome", "n")
    )


def test_a_self_check_started_on_a_is_finished_on_b_with_the_right_result(servers):
    a, b = servers
    visitor = Visitor()
    before = outcome_totals()

    # Each page comes from one server and its answer goes to the other, as a load balancer may do.
    _status, _headers, page = visitor.get(a + START)
    _status, _headers, page = visitor.submit(
        b, START, page, {"answer": "loved_one"}, form_with="answer"
    )
    assert "your loved one" in page.lower()
    answers = [
        (a, "rather_not_live_in", "no"),
        (b, "stepping_down", "yes"),
        (a, "relapse", "no"),
        (b, "detox", "not_needed"),
    ]
    for server, step, value in answers:
        status, _headers, page = visitor.submit(
            server, question_url(step), page, {"answer": value}, form_with="answer"
        )
        assert status == 200, (step, page)

    # The check page, read on A, lists every answer given on either server.
    _status, _headers, check = visitor.get(a + CHECK)
    assert "Check your answers" in check
    assert "They don't need detox" in html.unescape(check)
    status, _headers, result = visitor.submit(b, RESULT, check, form_with=RESULT)
    assert status == 200
    assert OUTCOME.search(result).group(1) == "good-fit"
    assert "may be a good fit for your loved one" in result
    after = outcome_totals()
    assert after.get("good-fit", 0) == before.get("good-fit", 0) + 1
    assert sum(after.values()) == sum(before.values()) + 1

    # A double click whose second POST reaches the other server shows the same result (a signed
    # cookie, good on every server sharing the secret key) and counts nothing more.
    status, _headers, again = visitor.submit(a, RESULT, check, form_with=RESULT)
    assert status == 200
    assert OUTCOME.search(again).group(1) == "good-fit"
    assert outcome_totals() == after

    # The answers are gone on both servers once the result is shown.
    for server in (a, b):
        status, headers, _body = visitor.get(server + CHECK, follow=False)
        assert status == 302
        assert headers["Location"] == START


# Answer sets and the outcome docs/screening-rules.md gives each (not computed by rules.py).
SCENARIOS = [
    (
        {"rather_not_live_in": "yes", "stepping_down": "no", "relapse": "no", "detox": "completed"},
        "good-fit",
    ),
    (
        {
            "rather_not_live_in": "no",
            "stepping_down": "no",
            "relapse": "yes",
            "detox": "still_need",
        },
        "detox-first",
    ),
    (
        {"rather_not_live_in": "no", "stepping_down": "no", "relapse": "no", "detox": "not_needed"},
        "talk-it-through",
    ),
    (
        {
            "rather_not_live_in": "yes",
            "stepping_down": "yes",
            "relapse": "no",
            "detox": "not_sure",
            "warning_signs": ["shakes"],
        },
        "detox-first",
    ),
    (
        {
            "rather_not_live_in": "not_sure",
            "stepping_down": "no",
            "relapse": "no",
            "detox": "not_sure",
            "warning_signs": ["none"],
        },
        "talk-it-through",
    ),
]
STEP_ORDER = ["rather_not_live_in", "stepping_down", "relapse", "detox", "warning_signs"]
PARALLEL_SELF_CHECKS = 200


def finish_self_check(number, servers):
    """One visitor, every request to a different server than the last; returns the outcome shown."""
    answers, _expected = SCENARIOS[number % len(SCENARIOS)]
    visitor = Visitor()
    turn = iter(servers * 10)
    status, _headers, _page = visitor.get(next(turn) + START)
    assert status == 200
    token = {"csrfmiddlewaretoken": visitor.cookie("csrftoken")}
    who = "me" if number % 2 else "loved_one"
    posts = [(START, who)] + [(question_url(s), answers[s]) for s in STEP_ORDER if s in answers]
    for path, value in posts:
        status, headers, _body = visitor.post(
            next(turn) + path, {**token, "answer": value}, follow=False
        )
        # Each answer is accepted (a redirect to the next step), not bounced back to the start.
        assert status == 302, (path, status)
        assert headers["Location"] != START, path
    assert headers["Location"] == CHECK
    status, _headers, result = visitor.post(next(turn) + RESULT, token, follow=False)
    assert status == 200
    return OUTCOME.search(result).group(1)


def test_200_self_checks_finished_in_parallel_on_both_servers_are_counted_exactly_once(servers):
    before = outcome_totals()
    with ThreadPoolExecutor(max_workers=16) as pool:
        shown = list(pool.map(lambda n: finish_self_check(n, servers), range(PARALLEL_SELF_CHECKS)))

    expected = {}
    for number in range(PARALLEL_SELF_CHECKS):
        outcome = SCENARIOS[number % len(SCENARIOS)][1]
        expected[outcome] = expected.get(outcome, 0) + 1
    assert shown == [SCENARIOS[n % len(SCENARIOS)][1] for n in range(PARALLEL_SELF_CHECKS)]
    after = outcome_totals()
    counted = {o: after.get(o, 0) - before.get(o, 0) for o in after}
    assert {o: n for o, n in counted.items() if n} == expected
    assert sum(counted.values()) == PARALLEL_SELF_CHECKS


def test_with_the_database_gone_cached_articles_still_answer_and_the_rest_is_our_503(servers):
    a, _b = servers
    # Behind a load balancer every server sees the site's own host name.
    site = {"Host": "localhost"}
    status, _headers, warm = fetch(a + "/what-is-iop/", headers=site)
    assert status == 200
    dead_database = server_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/iop_scale_gone",
        REDIS_URL=os.environ["REDIS_URL"],
    )
    with gunicorn(dead_database, workers=1, threads=2) as c:
        status, _headers, body = fetch(c + "/what-is-iop/", headers=site)
        assert status == 200
        assert body == warm
        # The self-check is never cached and needs the database for its wording.
        status, headers, body = fetch(c + "/self-check/", headers=site)
        assert status == 503
        assert headers["Retry-After"] == "60"
        assert 'href="tel:+18447448783"' in body
        assert "Traceback" not in body
        # Still live for the balancer (it answers cached pages and the phone); monitoring sees why.
        status, _headers, body = fetch(c + "/healthz", headers=site)
        assert status == 200
        status, _headers, body = fetch(c + "/healthz/status", headers=site)
        assert status == 503
        assert json.loads(body)["checks"] == {"database": "failed", "cache": "ok"}


def log_in(visitor, base, django_user_model, username):
    editor = django_user_model.objects.create_superuser(username, f"{username}@example.com")
    hasher = PBKDF2PasswordHasher()
    editor.password = hasher.encode("a-long-passphrase-1", hasher.salt())
    editor.save()
    _status, _headers, login_page = visitor.get(base + "/admin/login/?next=/admin/")
    status, _headers, body = visitor.submit(
        base,
        "/admin/login/?next=/admin/",
        login_page,
        {"username": username, "password": "a-long-passphrase-1"},
    )
    assert status == 200
    assert "Log out" in body


def test_a_phone_saved_while_redis_refuses_writes_reaches_both_servers_within_5_s(
    django_db_setup, django_user_model, tmp_path
):
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("needs PostgreSQL: run `make test-postgres`")
        pytest.skip("needs PostgreSQL: run `make test-postgres`")
    import redis

    site = {"Host": "localhost"}
    # A Redis of its own: pausing the shared one would stall everything else using it.
    with own_redis() as redis_url:
        env = server_env(
            DATABASE_URL=database_url(),
            REDIS_URL=redis_url,
            DJANGO_CONTACT_SNAPSHOT_FILE=str(tmp_path / "contact.json"),
        )
        with (
            gunicorn(env, log_path=tmp_path / "a.log") as a,
            gunicorn(env, log_path=tmp_path / "b.log") as b,
        ):
            for base in (a, b):
                for _ in range(3):  # every worker holds the page, in memory and in Redis
                    status, _headers, body = fetch(base + "/what-is-iop/", headers=site)
                    assert 'href="tel:+18447448783"' in body
            staff = Visitor()
            log_in(staff, a, django_user_model, "phone-editor")
            change_path = "/admin/content/sitesettings/1/change/"
            _status, _headers, form_page = staff.get(a + change_path)

            # As during a failover: Redis answers reads but holds every write for 20 s.
            redis.Redis.from_url(redis_url).execute_command("CLIENT", "PAUSE", "20000", "WRITE")
            status, _headers, saved = staff.submit(
                a, change_path, form_page, {"phone": "(800) 555-0199"}, form_with="phone"
            )
            saved_at = time.monotonic()
            assert status == 200
            assert "was changed successfully" in saved
            seen = {}
            while len(seen) < 2 and time.monotonic() - saved_at < 15:
                for name, base in (("a", a), ("b", b)):
                    _status, _headers, body = fetch(base + "/what-is-iop/", headers=site)
                    # Every worker of the server must have it: ask a few times in a row.
                    if 'href="tel:+18005550199"' in body and name not in seen:
                        bodies = [fetch(base + "/what-is-iop/", headers=site)[2] for _ in range(4)]
                        if all('href="tel:+18005550199"' in page for page in bodies):
                            seen[name] = time.monotonic() - saved_at
                time.sleep(0.1)
            redis.Redis.from_url(redis_url).execute_command("CLIENT", "UNPAUSE")
    print(f"seconds from the save to each server with Redis refusing writes: {seen}")
    assert set(seen) == {"a", "b"}
    assert max(seen.values()) < 5, seen
