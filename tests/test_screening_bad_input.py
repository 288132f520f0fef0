"""Bad input to the self-check: a clear message or a redirect, never a 500, nothing counted."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .screening_helpers import (
    CHECK,
    RESULT,
    START,
    START_OVER,
    answer_all,
    html,
    question_url,
    total_count,
)

pytestmark = pytest.mark.django_db

QUESTION_STEPS = ["rather_not_live_in", "stepping_down", "relapse", "detox", "warning_signs"]
FORM = "application/x-www-form-urlencoded"


def started(client):
    client.post(START, {"answer": "me"})
    return client


def stored(client):
    return client.session.get("self_check")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"answer": "definitely"}, "Choose one of the answers shown."),
        ({}, "Choose one answer."),
        ({"answer": ""}, "Choose one answer."),
        ({"answer": ["yes", "no"]}, None),  # two values: the last one wins, as in any form
    ],
    ids=["invalid-choice", "missing", "empty", "two-values"],
)
def test_a_bad_answer_gets_a_message_linked_to_the_question(client, data, message):
    started(client)
    before = stored(client)
    response = client.post(question_url("rather_not_live_in"), data)
    if message is None:
        assert response.status_code == 302
        return
    page = html(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f'<a href="#id_answer_0">{message}</a>' in page
    assert "<title>Error: " in page
    assert 'aria-describedby="id_answer_helptext id_answer_error"' in page
    assert stored(client) == before


def test_warning_signs_refuse_none_together_with_a_sign(client):
    answer_all(client, detox="not_sure")
    response = client.post(question_url("warning_signs"), {"answer": ["none", "shakes"]})
    assert response.status_code == 200
    assert "You ticked “None of these” and a sign" in html(response)
    assert "warning_signs" not in stored(client)


def test_warning_signs_need_at_least_one_tick(client):
    answer_all(client, detox="not_sure")
    response = client.post(question_url("warning_signs"), {})
    assert "Tick at least one box" in html(response)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_step_opened_before_earlier_ones_redirects_to_the_first_unanswered(client, method):
    started(client)
    client.post(question_url("rather_not_live_in"), {"answer": "yes"})
    response = getattr(client, method)(question_url("detox"), {"answer": "completed"}, follow=True)
    assert response.redirect_chain == [(question_url("stepping_down"), 302)]
    assert "Please answer this question first." in html(response)
    assert "detox" not in stored(client)


def test_the_follow_up_is_not_asked_unless_detox_is_not_sure(client):
    answer_all(client, detox="still_need")
    # The follow-up's address is the detox question's: it asks detox again, never the signs.
    page = html(client.get(question_url("warning_signs")))
    assert "Which is true for you about detox?" in page
    assert "Do any of these happen to you?" not in page
    response = client.post(question_url("warning_signs"), {"answer": ["shakes"]})
    assert response.status_code == 400 or "Choose one of the answers shown" in html(response)
    assert "warning_signs" not in stored(client)


def test_an_unknown_step_is_a_404(client):
    started(client)
    assert client.get(question_url("favourite-colour")).status_code == 404


@pytest.mark.parametrize("url", [CHECK, RESULT, question_url("relapse")])
def test_later_pages_opened_with_no_answers_go_to_the_start_with_a_message(client, url):
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(START, 302)]
    assert "We could not find your answers" in html(response)


def test_result_opened_directly_after_answering_goes_to_the_check_page(client):
    answer_all(client)
    response = client.get(RESULT, follow=True)
    assert response.redirect_chain == [(CHECK, 302)]
    assert total_count() == 0


def test_a_cleared_session_sends_the_result_post_to_the_start(client):
    answer_all(client)
    client.session.flush()
    client.cookies.pop("sessionid")
    response = client.post(RESULT, follow=True)
    assert response.redirect_chain == [(START, 302)]
    assert total_count() == 0


def test_an_unfinished_self_check_cannot_see_a_result(client):
    started(client)
    response = client.post(RESULT, follow=True)
    assert response.redirect_chain == [(question_url("rather_not_live_in"), 302)]
    assert total_count() == 0


def test_a_replayed_result_post_from_another_browser_is_not_counted(client):
    answer_all(client)
    replay = Client()
    replay.cookies["sessionid"] = client.cookies["sessionid"].value  # a copied session cookie
    client.post(RESULT)
    response = replay.post(RESULT)
    assert response.status_code == 302 and response["Location"] == START
    assert total_count() == 1


def test_a_replayed_step_post_is_harmless(client):
    started(client)
    for _ in range(3):
        response = client.post(question_url("rather_not_live_in"), {"answer": "no"})
        assert response.status_code == 302
    assert stored(client)["rather_not_live_in"] == "no"


@pytest.mark.parametrize("url", [START, question_url("rather_not_live_in"), RESULT, START_OVER])
def test_a_post_without_csrf_token_gets_our_friendly_403(url):
    client = Client(enforce_csrf_checks=True)
    client.get(START)
    response = client.post(url, {"answer": "me"})
    assert response.status_code == 403
    assert "Please try that again" in html(response)
    assert total_count() == 0


def test_a_huge_body_is_refused_with_a_4xx(client):
    started(client)
    body = b"answer=" + b"y" * 3_000_000
    response = client.generic("POST", question_url("rather_not_live_in"), body, FORM)
    assert response.status_code == 413
    assert "That was too much to send" in html(response)
    assert 'href="tel:+18447448783"' in html(response)
    assert "rather_not_live_in" not in stored(client)


def test_too_many_fields_are_refused_with_a_4xx(client):
    started(client)
    body = "&".join(f"f{i}=x" for i in range(1500)).encode()
    response = client.generic("POST", question_url("rather_not_live_in"), body, FORM)
    assert response.status_code == 400
    assert "We could not read that" in html(response)


@pytest.mark.parametrize("body", [b"answer=\xff\xfe\xfd", b"answer=y\x00es", b"\xc3\x28=\xa0\xa1"])
def test_non_utf8_bytes_get_a_clear_message(client, body):
    started(client)
    response = client.generic("POST", question_url("rather_not_live_in"), body, FORM)
    assert response.status_code == 200
    assert "There is a problem" in html(response)
    assert "rather_not_live_in" not in stored(client)


def test_answers_in_the_query_string_are_ignored(client):
    response = client.get(START, {"answer": "me"})
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    started(client)
    page = html(client.get(question_url("rather_not_live_in") + "?answer=yes"))
    assert "checked" not in page
    response = client.post(question_url("rather_not_live_in") + "?answer=yes", {})
    assert "Choose one answer." in html(response)
    assert "rather_not_live_in" not in stored(client)


def test_start_over_refuses_get(client):
    assert client.get(START_OVER).status_code == 405


answer_values = st.one_of(
    st.sampled_from(
        [
            "me",
            "loved_one",
            "yes",
            "no",
            "not_sure",
            "completed",
            "not_needed",
            "still_need",
            "shakes",
            "seizure_dt",
            "daily_heavy",
            "none",
        ]
    ),
    st.text(max_size=40),
)
post_data = st.dictionaries(
    st.one_of(st.just("answer"), st.text(min_size=1, max_size=12)),
    st.one_of(answer_values, st.lists(answer_values, max_size=5)),
    max_size=4,
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps_done=st.integers(min_value=0, max_value=4),
    target=st.sampled_from([START, *map(question_url, QUESTION_STEPS), CHECK, RESULT]),
    data=post_data,
)
def test_fuzzed_step_posts_never_fail_or_count(db, steps_done, target, data):
    client = Client()
    if steps_done:
        client.post(START, {"answer": "me"})
    for step in ["rather_not_live_in", "stepping_down", "relapse"][: steps_done - 1]:
        client.post(question_url(step), {"answer": "yes"})
    before = total_count()
    response = client.post(target, data)
    assert response.status_code < 500
    assert response.status_code in {200, 302, 405}
    assert total_count() == before
