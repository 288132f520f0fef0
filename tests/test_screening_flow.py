import re
import time

import pytest

from screening import flow
from screening.models import OutcomeCount

from .screening_helpers import (
    CHECK,
    RESULT,
    START,
    START_OVER,
    answer_all,
    html,
    question_url,
    session_exists,
    stored_sessions,
    total_count,
)

pytestmark = pytest.mark.django_db


def test_start_page_says_what_it_is_and_asks_who_it_is_for(client):
    page = html(client.get(START))
    assert "not a diagnosis" in page
    assert "2 minutes" in page
    assert "Nothing is stored about you" in page
    assert "<fieldset" in page and "<legend" in page
    assert "Who are you checking for?" in page
    assert 'value="me"' in page and 'value="loved_one"' in page


def test_opening_the_start_page_creates_no_session(client):
    response = client.get(START)
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("me", "Are you ready to get better"),
        ("loved_one", "Is your loved one ready to get better"),
    ],
)
def test_questions_are_worded_for_the_chosen_person(client, who, expected):
    response = client.post(START, {"answer": who}, follow=True)
    page = html(response)
    assert response.redirect_chain[-1][0] == question_url("rather_not_live_in")
    assert expected in page
    assert re.search(r'<legend[^>]*>\s*<h1 class="sc-question"[^>]*>', page)


def test_each_step_shows_progress_crisis_help_and_not_a_diagnosis(client):
    client.post(START, {"answer": "me"})
    expected_numbers = {
        "rather_not_live_in": 2,
        "stepping_down": 3,
        "relapse": 4,
        "detox": 5,
    }
    for step, number in expected_numbers.items():
        page = html(client.get(question_url(step)))
        assert f"Step {number} of 6" in page, step
        assert page.count('href="tel:988"') == 2, step  # beside the question and in the footer
        assert "not a diagnosis" in page
        assert f'action="{START_OVER}"' in page
        client.post(question_url(step), {"answer": "not_sure"})
    # "Not sure" about detox adds the warning-signs follow-up, numbered like the detox step so
    # the step count does not tell that it was asked.
    follow_up = html(client.get(question_url("warning_signs")))
    assert "Do any of these happen to you?" in follow_up
    assert "Step 5 of 6" in follow_up


def test_good_fit_result_names_the_paths_and_the_overdose_warning(client, site_settings):
    answer_all(client, paths=("yes", "no", "yes"), detox="not_needed")
    response = client.post(RESULT)
    page = html(response)
    assert response.status_code == 200
    assert '<main id="main"' in page and 'data-outcome="good-fit"' in page
    assert "may be a good fit" in page and "free assessment" in page
    assert "qualify" not in page
    assert "IOP is part-time" in page  # would rather not live in
    assert "safe place" in page and "naloxone" in page  # relapse
    assert "finished an inpatient program" not in page  # stepping down did not match
    assert 'class="sc-call" href="tel:+18447448783"' in page
    assert "free and confidential" in page
    assert "not a diagnosis" in page
    assert 'href="tel:988"' in page
    assert "no-store" in response["Cache-Control"]


def test_detox_first_when_unsure_with_warning_signs(client):
    answer_all(client, paths=("yes", "yes", "yes"), detox="not_sure", signs=["shakes"])
    page = html(client.post(RESULT))
    assert 'data-outcome="detox-first"' in page
    assert "do not stop drinking or taking benzodiazepines all at once" in page


def test_talk_it_through_offers_honest_alternatives(client):
    answer_all(client, paths=("no", "not_sure", "no"), detox="completed")
    page = html(client.post(RESULT))
    assert 'data-outcome="talk-it-through"' in page
    assert "1-800-662-4357" in page and "FindTreatment.gov" in page


def test_loved_one_result_is_worded_about_them(client):
    answer_all(client, who="loved_one", paths=("no", "no", "yes"), detox="completed")
    page = html(client.post(RESULT))
    assert "IOP may be a good fit for your loved one" in page
    assert "Your loved one was in recovery" in page
    assert "their body can handle much less" in page


def test_the_result_is_counted_once_and_the_answers_are_gone(client):
    answer_all(client)
    session_key = client.session.session_key
    assert session_exists(session_key)
    assert stored_sessions() == 1
    assert client.post(RESULT).status_code == 200
    assert list(OutcomeCount.objects.values_list("outcome", "count")) == [("good-fit", 1)]
    assert not session_exists(session_key)
    assert stored_sessions() == 0


def test_a_double_click_shows_the_same_result_and_counts_once(client):
    answer_all(client, who="loved_one", paths=("no", "no", "yes"))
    first = client.post(RESULT)
    second = client.post(RESULT)
    assert second.status_code == 200
    assert 'data-outcome="good-fit"' in html(second)
    assert "Your loved one was in recovery" in html(second)
    assert "no-store" in second["Cache-Control"]
    assert first.cookies["self_check_shown"]["path"] == RESULT
    assert first.cookies["self_check_shown"]["max-age"] == 30
    assert first.cookies["self_check_shown"]["httponly"]
    assert total_count() == 1
    assert stored_sessions() == 0


def test_a_replay_after_thirty_seconds_goes_to_the_start_uncounted(client):
    answer_all(client)
    first = client.post(RESULT)
    shown = flow.read_shown(first.cookies[flow.SHOWN_COOKIE].value)
    assert shown is not None
    # The same cookie as the server sets, made 31 seconds ago; the clock itself runs on.
    client.cookies[flow.SHOWN_COOKIE] = flow.shown_token(*shown, now=time.time() - 31)
    replay = client.post(RESULT, follow=True)
    assert replay.redirect_chain[0] == (START, 302)
    assert "We could not find your answers" in html(replay)
    assert total_count() == 1


def test_a_forged_result_cookie_shows_nothing(client):
    client.cookies["self_check_shown"] = '["detox-first", [], "me"]'
    response = client.post(RESULT)
    assert response.status_code == 302 and response["Location"] == START


def test_counts_add_up_per_outcome_per_day(client):
    for paths in [("yes", "no", "no"), ("no", "no", "no"), ("no", "yes", "no")]:
        answer_all(client, paths=paths)
        client.post(RESULT)
    counts = dict(OutcomeCount.objects.values_list("outcome", "count"))
    assert counts == {"good-fit": 2, "talk-it-through": 1}


def test_back_link_keeps_earlier_answers(client):
    client.post(START, {"answer": "me"})
    client.post(question_url("rather_not_live_in"), {"answer": "no"})
    page = html(client.get(question_url("stepping_down")))
    assert f'class="sc-back" href="{question_url("rather_not_live_in")}"' in page
    previous = html(client.get(question_url("rather_not_live_in")))
    checked = re.findall(r"<input[^>]*\bchecked\b[^>]*>", previous)
    assert len(checked) == 1 and 'value="no"' in checked[0]


def test_check_page_lists_every_answer_with_change_links(client):
    answer_all(client, paths=("yes", "no", "not_sure"), detox="not_sure", signs=["none"])
    page = html(client.get(CHECK))
    for text in [
        "Who are you checking for?",
        "Are you ready to get better",
        "Which is true for you about detox?",
        "Do any of these happen to you?",
        "None of these",
    ]:
        assert text in page
    for step in ["rather_not_live_in", "stepping_down", "relapse", "detox", "warning_signs"]:
        assert f'href="{question_url(step)}?change=1"' in page
    assert f'href="{START}?change=1"' in page
    assert f'action="{RESULT}"' in page


def test_changing_an_answer_returns_to_the_check_page(client):
    answer_all(client, paths=("yes", "no", "no"))
    response = client.post(question_url("relapse") + "?change=1", {"answer": "yes"})
    assert response["Location"] == CHECK
    assert "check" in html(client.get(question_url("relapse") + "?change=1")).lower()


def test_changing_detox_to_not_sure_asks_the_follow_up_before_the_check_page(client):
    answer_all(client, detox="completed")
    response = client.post(question_url("detox") + "?change=1", {"answer": "not_sure"})
    assert response["Location"] == question_url("warning_signs") + "?change=1"
    response = client.post(response["Location"], {"answer": ["seizure_dt"]})
    assert response["Location"] == CHECK
    assert 'data-outcome="detox-first"' in html(client.post(RESULT))


def test_changing_detox_away_from_not_sure_drops_the_follow_up(client):
    answer_all(client, detox="not_sure", signs=["shakes"])
    client.post(question_url("detox") + "?change=1", {"answer": "completed"})
    assert "Do any of these happen to you?" not in html(client.get(CHECK))
    assert "Do any of these happen to you?" not in html(client.get(question_url("warning_signs")))
    assert 'data-outcome="good-fit"' in html(client.post(RESULT))


def test_start_over_clears_the_answers(client):
    answer_all(client)
    response = client.post(START_OVER, follow=True)
    assert response.redirect_chain == [(START, 302)]
    assert "Your answers are cleared" in html(response)
    assert client.get(CHECK)["Location"] == START
    assert response.redirect_chain and client.cookies["self_check_shown"].value == ""
    assert total_count() == 0


def test_reading_articles_after_a_self_check_still_sets_no_cookie(client, published_pages):
    answer_all(client)
    response = client.post(RESULT)
    assert response.cookies["sessionid"]["max-age"] == 0
    # A browser forgets a cookie the server deleted; the test client keeps it with no value.
    del client.cookies["sessionid"]
    for page in published_pages:
        assert not client.get(page.get_absolute_url()).cookies


def test_opening_a_question_costs_at_most_four_queries(client, django_assert_max_num_queries):
    client.post(START, {"answer": "me"})
    client.post(question_url("rather_not_live_in"), {"answer": "yes"})
    with django_assert_max_num_queries(4):
        client.get(question_url("stepping_down"))
