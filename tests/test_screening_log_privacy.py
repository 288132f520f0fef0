"""What a visitor answers in the self-check never reaches a log line or an error report."""

import contextlib
import io
import logging
import re

import pytest
from django.core import mail
from django.db import DatabaseError
from django.test import Client, RequestFactory
from django.views.debug import SafeExceptionReporterFilter

from screening import views
from screening.models import OutcomeCount
from screening.vocabulary import LOVED_ONE, choices_for

from .screening_helpers import CHECK, RESULT, START, START_OVER, answer_all, question_url

# The answers this walk-through gives, by their stored values and by the words on screen.
# Generic words such as "yes" and "no" appear in ordinary log text, so the test looks for
# the field name with its value, which is what a logged form body or query string would hold.
ANSWER_VALUES = ["loved_one", "not_sure", "still_need", "shakes", "seizure_dt", "daily_heavy"]
# The labels as English shows them (they are translated when shown, not when logged).
ANSWER_LABELS = [
    str(label)
    for step, value in [
        ("who", "loved_one"),
        ("detox", "still_need"),
        ("detox", "not_sure"),
        ("warning_signs", "shakes"),
        ("warning_signs", "seizure_dt"),
        ("warning_signs", "daily_heavy"),
    ]
    for choice, label in choices_for(step, LOVED_ONE)
    if choice == value
]
FORM_FRAGMENTS = [
    "answer=",
    "'answer'",
    '"answer"',
    "csrfmiddlewaretoken",
    "self_check",
    "rather_not_live_in': ",
    "warning_signs': ",
]


@pytest.fixture
def every_log_line():
    """Root, django.request, django.server and every other logger, at DEBUG, into one buffer."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s %(args)s"))
    loggers = [logging.getLogger(), logging.getLogger("django.request")]
    loggers += [logging.getLogger("django.server"), logging.getLogger("django.security")]
    loggers += [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    saved = []
    for logger in loggers:
        saved.append((logger, logger.level, logger.disabled))
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
        logger.addHandler(handler)
    yield buffer
    for logger, level, disabled in saved:
        logger.setLevel(level)
        logger.disabled = disabled
        logger.removeHandler(handler)


def assert_no_answers_in(text):
    # Stored values as whole words: "for_loved_one" is a template variable, not an answer.
    for value in ANSWER_VALUES:
        assert not re.search(rf"(?<!\w){value}(?!\w)", text), f"{value!r} leaked: {text[:2000]}"
    for needle in ANSWER_LABELS + FORM_FRAGMENTS:
        assert needle not in text, f"{needle!r} leaked into: {text[:2000]}"


@pytest.mark.django_db
def test_a_full_self_check_with_mistakes_and_attacks_logs_no_answers(every_log_line):
    client = Client()
    # Mistakes and tampering first, so warning-level lines are written too.
    client.post(START, {"answer": "not-a-choice"})
    answer_all(
        client,
        who="loved_one",
        paths=("not_sure", "not_sure", "not_sure"),
        detox="not_sure",
        signs=["shakes", "seizure_dt", "daily_heavy"],
    )
    client.post(question_url("detox"), {"answer": "still_need"}, QUERY_STRING="change=1")
    client.get(CHECK)
    # Answers in a query string, on pages that 404 and 405, must not be logged either.
    client.get(question_url("no-such-step") + "?answer=still_need&detox=still_need")
    client.generic("PUT", RESULT + "?answer=still_need", b"answer=still_need")
    client.post(START_OVER + "?answer=still_need", {"answer": "still_need"}, HTTP_HOST="evil.x")
    csrf = Client(enforce_csrf_checks=True)
    csrf.post(question_url("detox"), {"answer": "still_need"})
    response = client.post(RESULT, {"answer": "still_need"})
    assert response.status_code == 200
    assert OutcomeCount.objects.get().outcome == "detox-first"
    client.post(START_OVER)

    logged = every_log_line.getvalue()
    # The capture works: the refused requests above were logged, by path.
    assert "Not Found: /self-check/question/no-such-step/" in logged
    assert "Method Not Allowed: /self-check/result/" in logged
    assert "Forbidden (CSRF cookie not set.): /self-check/question/detox/" in logged
    assert "Exception while resolving variable" in logged  # DEBUG lines were captured
    assert_no_answers_in(logged)


@pytest.mark.django_db
def test_a_crash_while_showing_the_result_reports_no_answers(settings, monkeypatch):
    """The error email to admins lists POST data and local variables; the answers are hidden."""
    settings.ADMINS = [("Ops", "ops@example.org")]

    def database_down(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(OutcomeCount, "record", database_down)
    client = Client(raise_request_exception=False)
    answer_all(client, who="loved_one", paths=("not_sure",) * 3, detox="still_need")
    response = client.post(RESULT, {"answer": "still_need", "detox": "still_need"})
    assert response.status_code == 500
    assert len(mail.outbox) == 1
    report = mail.outbox[0].body
    assert "the database went away" in report
    assert_no_answers_in(report.replace("'answer': '********************'", ""))
    assert "still_need" not in report


@pytest.mark.parametrize(
    ("view", "path", "kwargs"),
    [
        (views.step, START, {}),
        (views.step, question_url("relapse"), {"page": "relapse"}),
        (views.result, RESULT, {}),
        (views.start_over, START_OVER, {}),
    ],
    ids=["start", "question", "result", "start-over"],
)
def test_every_self_check_post_view_hides_its_post_data_from_error_reports(view, path, kwargs):
    request = RequestFactory().post(path, {"answer": "still_need"})
    request.session = {}
    request._messages = []  # the views may add a message
    request._dont_enforce_csrf_checks = True
    # Only the marker the decorator leaves on the request matters here, not the response.
    with contextlib.suppress(Exception):
        view(request, **kwargs)
    assert request.sensitive_post_parameters == "__ALL__"
    cleansed = SafeExceptionReporterFilter().get_post_parameters(request)
    assert cleansed["answer"] == "********************"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/self-check/question/no-such-step/"),
        ("post", "/self-check/question/detox/?answer=still_need"),
    ],
)
def test_the_configured_log_names_no_self_check_step(client, method, path):
    from core.log_filters import HideSelfCheckSteps

    console = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, HideSelfCheckSteps) for f in handler.filters)
    )
    buffer = io.StringIO()
    stream = console.setStream(buffer)
    request_logger = logging.getLogger("django.request")
    level, request_logger.level = request_logger.level, logging.WARNING
    try:
        big = "x" * (300 * 1024)  # too big: Django's request log names the path of the 413
        response = getattr(client, method)(path, {"answer": big} if method == "post" else None)
    finally:
        console.setStream(stream)
        request_logger.level = level
    logged = buffer.getvalue()
    if response.status_code == 404:
        assert "Not Found: /self-check/\n" in logged, logged
    else:
        assert response.status_code == 413 and logged, logged
    assert "question" not in logged and "detox" not in logged and "still_need" not in logged
