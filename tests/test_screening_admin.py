import datetime

import pytest

from screening.models import OutcomeCount, PathBenefit, Question, ResultText

from .screening_helpers import RESULT, START, answer_all, html, question_url

pytestmark = pytest.mark.django_db


def test_starting_wording_exists_for_every_fixed_key():
    assert list(Question.objects.values_list("key", flat=True)) == [
        "rather_not_live_in",
        "stepping_down",
        "relapse",
        "detox",
        "warning_signs",
    ]
    assert set(ResultText.objects.values_list("key", flat=True)) == {
        "good-fit",
        "detox-first",
        "talk-it-through",
    }
    assert PathBenefit.objects.count() == 3


def test_starting_wording_never_promises_a_place():
    texts = [str(value) for r in ResultText.objects.values() for value in r.values()]
    assert not any("qualify" in text.lower() for text in texts)
    good_fit = ResultText.objects.get(key="good-fit")
    assert "may be a good fit" in good_fit.body_me and "free assessment" in good_fit.body_me


def test_staff_edit_a_question_and_visitors_see_it_at_once(staff_client, client):
    question = Question.objects.get(key="relapse")
    response = staff_client.post(
        f"/admin/screening/question/{question.pk}/change/",
        {
            "text_me_en": "Did you slip after a time of recovery?",
            "help_me_en": "Many people do.",
            "text_loved_one_en": "Did they slip after a time of recovery?",
            "help_loved_one_en": "Many people do.",
        },
    )
    assert response.status_code == 302
    answer_all(client)
    assert "Did you slip after a time of recovery?" in html(client.get(question_url("relapse")))


def test_staff_edit_a_result_text_and_it_shows_on_the_result(staff_client, client):
    text = ResultText.objects.get(key="talk-it-through")
    staff_client.post(
        f"/admin/screening/resulttext/{text.pk}/change/",
        {
            "heading_me_en": "A call can help",
            "body_me_en": "First paragraph.\n\nSecond <b>paragraph</b>.",
            "heading_loved_one_en": "A call can help them",
            "body_loved_one_en": "About them.",
        },
    )
    answer_all(client, paths=("no", "no", "no"))
    page = html(client.post(RESULT))
    assert ">A call can help</h1>" in page
    assert "<p>Second &lt;b&gt;paragraph&lt;/b&gt;.</p>" in page


def test_staff_help_text_is_shown_as_plain_text(client):
    Question.objects.filter(key="rather_not_live_in").update(help_me="<script>x</script>")
    client.post(START, {"answer": "me"})
    page = html(client.get(question_url("rather_not_live_in")))
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


@pytest.mark.parametrize("model", ["question", "resulttext", "pathbenefit"])
def test_fixed_keys_cannot_be_added_or_deleted(staff_client, model):
    assert staff_client.get(f"/admin/screening/{model}/add/").status_code == 403
    assert staff_client.post(f"/admin/screening/{model}/1/delete/").status_code == 403
    page = html(staff_client.get(f"/admin/screening/{model}/1/change/"))
    assert 'name="key"' not in page


def test_counts_are_read_only_in_the_admin(staff_client):
    OutcomeCount.objects.create(day=datetime.date(2026, 11, 2), outcome="detox-first", count=7)
    listing = html(staff_client.get("/admin/screening/outcomecount/"))
    assert "Detox first" in listing and ">7<" in listing
    row = OutcomeCount.objects.get()
    assert staff_client.get("/admin/screening/outcomecount/add/").status_code == 403
    response = staff_client.post(
        f"/admin/screening/outcomecount/{row.pk}/change/",
        {"day": "2026-11-02", "outcome": "detox-first", "count": "99"},
    )
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.count == 7


def test_a_missing_wording_record_falls_back_to_the_starting_words(client):
    Question.objects.filter(key="stepping_down").delete()
    client.post(START, {"answer": "loved_one"})
    client.post(question_url("rather_not_live_in"), {"answer": "yes"})
    assert "Has your loved one finished a rehab where they lived" in html(
        client.get(question_url("stepping_down"))
    )


def test_result_wording_cannot_promise_a_place(staff_client):
    text = ResultText.objects.get(key="good-fit")
    data = {
        "heading_me_en": "Good news: you qualify for IOP",
        "body_me_en": "Call us.",
        "heading_loved_one_en": "They may be a good fit",
        "body_loved_one_en": "Call us.",
    }
    response = staff_client.post(f"/admin/screening/resulttext/{text.pk}/change/", data)
    assert response.status_code == 200
    assert "Please do not promise a place" in html(response)
    text.refresh_from_db()
    assert "qualify" not in text.heading_me
