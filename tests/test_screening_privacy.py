import base64
import contextlib
import itertools
import logging
import re
import time
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import RequestFactory
from django.utils import timezone
from django.views.debug import SafeExceptionReporterFilter

from screening import flow, views

from .screening_helpers import CHECK, RESULT, START, START_OVER, answer_all, html, question_url

pytestmark = pytest.mark.django_db

ANSWER_VALUES = ["loved_one", "not_sure", "still_need", "seizure_dt", "daily_heavy", "not_needed"]


def test_no_answer_reaches_a_log_line(client, caplog):
    caplog.set_level(logging.DEBUG)
    answer_all(
        client,
        who="loved_one",
        paths=("not_sure",) * 3,
        detox="not_sure",
        signs=["seizure_dt", "daily_heavy"],
    )
    client.post(question_url("detox"), {"answer": "still_need"})
    client.post(question_url("detox"), {"answer": "not_needed" * 300_000})  # too big: 400
    client.post(RESULT)
    client.post(RESULT)
    logged = caplog.text + "\n".join(f"{r.getMessage()} {r.args!r}" for r in caplog.records)
    assert "RequestDataTooBig" in logged  # the 400 was logged, without the body
    for value in ANSWER_VALUES:
        assert value not in logged


@pytest.mark.parametrize("view", [views.step, views.result])
def test_error_reports_hide_every_posted_value(view):
    request = RequestFactory().post(START, {"answer": "loved_one"})
    request.session = {}
    request._dont_enforce_csrf_checks = True
    with contextlib.suppress(Exception):  # only the marking left on the request matters
        view(request)
    cleaned = SafeExceptionReporterFilter().get_post_parameters(request)
    assert cleaned["answer"] != "loved_one"
    assert set(cleaned.values()) == {SafeExceptionReporterFilter.cleansed_substitute}


def test_the_self_check_cookie_ends_when_the_browser_closes(client):
    response = client.post(START, {"answer": "me"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert not cookie["max-age"]
    assert not cookie["expires"]


def test_answers_left_for_over_an_hour_are_forgotten(client, monkeypatch):
    client.post(START, {"answer": "me"})
    client.post(question_url("rather_not_live_in"), {"answer": "yes"})
    assert client.get(question_url("stepping_down")).status_code == 200

    later = time.time() + flow.ANSWERS_LIFETIME_SECONDS + 1
    monkeypatch.setattr(flow.time, "time", lambda: later)
    response = client.get(question_url("stepping_down"))
    assert response.status_code == 302
    assert response["Location"] == START


def _pages_seen(client, detox, signs=None):
    """(address, title) of every page a visitor opens on the way to the check page."""
    seen = []
    response = client.post(START, {"answer": "me"}, follow=True)
    answers = [("rather_not_live_in", "yes"), ("stepping_down", "no"), ("relapse", "no")]
    answers += [("detox", detox)] + ([("warning_signs", signs)] if signs else [])
    for step, value in answers:
        seen.append((response.redirect_chain[-1][0], _title(response)))
        response = client.post(question_url(step), {"answer": value}, follow=True)
    seen.append((response.redirect_chain[-1][0], _title(response)))
    return seen


def _title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_the_follow_up_step_has_the_address_and_title_of_a_step_everyone_sees(client):
    asked = _pages_seen(client, "not_sure", ["none"])
    client.post(START_OVER)
    not_asked = _pages_seen(client, "completed")
    # The same addresses and titles, in the same order; the follow-up only repeats one of them.
    assert list(dict.fromkeys(asked)) == list(dict.fromkeys(not_asked))
    assert asked[-1] == not_asked[-1] == (CHECK, asked[-1][1])
    for address, title in asked:
        for value in ["warning", "signs", "not_sure", "none", "completed", "7"]:
            assert value not in address and value not in title.lower()


def test_back_from_the_follow_up_shows_the_detox_question_again(client):
    answer_all(client, detox="not_sure")
    follow_up = html(client.get(question_url("detox")))
    assert "Do any of these happen to you?" in follow_up and 'name="back"' in follow_up
    response = client.post(question_url("detox"), {"back": "1"}, follow=True)
    assert response.redirect_chain == [(question_url("detox"), 302)]
    page = html(response)
    assert "Which is true for you about detox?" in page
    assert re.search(r'<input[^>]*value="not_sure"[^>]*checked', page)


def _stored_expiry_seconds(engine, session_key):
    """How long the store itself keeps this session from now, read from the store's own record."""
    if engine.endswith(".db"):
        row = Session.objects.get(session_key=session_key)
        return (row.expire_date - timezone.now()).total_seconds()
    store = import_module(engine).SessionStore(session_key)
    if engine.endswith(".file"):
        # Files carry no date of their own: the store drops one on reading once this has passed.
        return store.get_expiry_age(modification=store._last_modification())
    key = store.cache_key
    backend = store._cache
    if hasattr(backend, "_expire_info"):  # local memory
        return backend._expire_info[backend.make_key(key)] - time.time()
    return backend._cache.get_client().ttl(backend.make_and_validate_key(key))


@pytest.mark.parametrize(
    "engine",
    [
        "django.contrib.sessions.backends.file",
        "django.contrib.sessions.backends.db",
        "core.sessions",
    ],
)
def test_answers_expire_within_the_hour_in_every_session_store(client, settings, tmp_path, engine):
    settings.SESSION_ENGINE = engine
    settings.SESSION_FILE_PATH = str(tmp_path)
    client.post(START, {"answer": "me"})
    response = client.post(question_url("rather_not_live_in"), {"answer": "yes"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]  # still ends with the browser
    seconds = _stored_expiry_seconds(engine, cookie.value)
    assert 0 < seconds <= flow.ANSWERS_LIFETIME_SECONDS


def test_the_result_shown_cookie_carries_nothing_readable(client):
    cookies = []
    for who, paths in [("loved_one", ("yes", "no", "yes")), ("me", ("no", "no", "no"))] * 2:
        answer_all(client, who=who, paths=paths)
        cookies.append(client.post(RESULT).cookies[flow.SHOWN_COOKIE].value)
    # Different every time, even for the same result; one length whatever the result.
    assert len(set(cookies)) == len(cookies)
    assert len({len(value) for value in cookies}) == 1
    for value in cookies:
        decoded = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        for word in [b"good", b"fit", b"talk", b"loved", b"relapse", b"rather", b"me"]:
            assert word not in decoded
        assert "." not in value and ":" not in value  # not a signed, readable payload


def _every_result_response(client):
    """One final POST for every outcome, set of matched paths and audience."""
    for who in ("me", "loved_one"):
        for paths in itertools.product(("yes", "no"), repeat=3):
            answer_all(client, who=who, paths=paths, detox="completed")  # good fit or talk
            yield (who, paths, "completed"), client.post(RESULT)
        answer_all(client, who=who, paths=("yes", "no", "no"), detox="still_need")
        yield (who, "any", "still_need"), client.post(RESULT)


def test_every_result_has_the_same_length(client, site_settings):
    sizes = {}
    outcomes = set()
    for combination, response in _every_result_response(client):
        assert response.status_code == 200
        sizes[combination] = len(response.content)
        outcomes.add(re.search(r'data-outcome="([a-z-]+)"', html(response)).group(1))
    # A repeat POST (a double click) shows the same result at the same length.
    assert len(client.post(RESULT).content) in sizes.values()
    assert outcomes == {"good-fit", "detox-first", "talk-it-through"}
    assert len(set(sizes.values())) == 1, sizes
