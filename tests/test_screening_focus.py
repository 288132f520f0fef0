import re

import pytest

from .screening_helpers import CHECK, RESULT, START, answer_all, html, question_url

pytestmark = pytest.mark.django_db


def autofocused(response):
    """The opening tags that carry `autofocus`, as written in the page."""
    return re.findall(r"<[a-z0-9]+\b[^>]*\bautofocus\b[^>]*>", html(response))


def test_a_question_page_autofocuses_only_its_heading(client):
    client.post(START, {"answer": "me"})
    tags = autofocused(client.get(question_url("rather_not_live_in")))
    assert len(tags) == 1, tags
    assert tags[0].startswith("<h1"), tags


def test_a_question_page_with_an_error_autofocuses_only_the_error_summary(client):
    client.post(START, {"answer": "me"})
    response = client.post(question_url("rather_not_live_in"), {})
    tags = autofocused(response)
    assert len(tags) == 1, tags
    assert "sc-error-summary" in tags[0], tags


def test_the_start_page_with_an_error_autofocuses_only_the_error_summary(client):
    tags = autofocused(client.post(START, {}))
    assert len(tags) == 1, tags
    assert "sc-error-summary" in tags[0], tags


def test_the_check_page_and_result_autofocus_one_heading(client):
    answer_all(client)
    tags = autofocused(client.get(CHECK))
    assert len(tags) == 1 and tags[0].startswith("<h1"), tags
    response = client.post(RESULT)
    tags = autofocused(response)
    assert len(tags) == 1 and tags[0].startswith("<h1"), tags
