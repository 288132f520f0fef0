import contextlib
import logging
import time

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.views.debug import SafeExceptionReporterFilter

from screening import flow, views

from .screening_helpers import RESULT, START, answer_all, question_url

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
