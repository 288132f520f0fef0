import contextlib
import logging

import pytest
from django.test import RequestFactory
from django.views.debug import SafeExceptionReporterFilter

from screening import views

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


@pytest.mark.parametrize("view", [views.start, views.result])
def test_error_reports_hide_every_posted_value(view):
    request = RequestFactory().post(START, {"answer": "loved_one"})
    request.session = {}
    request._dont_enforce_csrf_checks = True
    with contextlib.suppress(Exception):  # only the marking left on the request matters
        view(request)
    cleaned = SafeExceptionReporterFilter().get_post_parameters(request)
    assert cleaned["answer"] != "loved_one"
    assert set(cleaned.values()) == {SafeExceptionReporterFilter.cleansed_substitute}
