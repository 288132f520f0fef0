"""Self-check wording follows the page editor's rules; the fixed texts are editable; a preview."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.template.defaultfilters import linebreaks_filter
from django.test import Client

from screening.models import PageText, PathBenefit, Question, ResultText

from .screening_helpers import RESULT, START, answer_all, html, question_url
from .test_screening_privacy import _every_result_response

pytestmark = pytest.mark.django_db

migration = import_module("screening.migrations.0006_rich_wording_and_page_texts")


def change_url(record):
    return f"/admin/screening/{record._meta.model_name}/{record.pk}/change/"


def preview_url(record):
    return f"/admin/screening/{record._meta.model_name}/{record.pk}/preview/"


def form_data(record, **changes):
    """The change form as posted: each text once per language (body_me_en, body_me_es, ...).

    A change named without a language (body_me=...) is the English one.
    """
    fields = [
        field.name
        for field in record._meta.fields
        if field.editable
        and field.name not in ("id", "key", "position")
        # The field that reads the active language is not on the form; its columns are.
        and not hasattr(record, f"{field.name}_en")
    ]
    data = {name: getattr(record, name) or "" for name in fields}
    for name, value in changes.items():
        data[name if name in data else f"{name}_en"] = value
    return data


def test_rich_wording_fields_use_the_page_editor_under_our_csp(staff_client):
    text = ResultText.objects.get(key="good-fit")
    response = staff_client.get(change_url(text))
    page = html(response)
    for name in ("body_me_en", "body_me_es", "body_loved_one_en", "body_loved_one_es"):
        assert re.search(rf'<textarea[^>]*name="{name}"[^>]*data-django-prose-editor-iop', page)
    # Headings stay one-line boxes.
    assert not re.search(r'<textarea[^>]*name="heading_me_(en|es)"', page)
    nonce = re.search(r'<script type="importmap"[^>]*nonce="([^"]+)"', page).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"].split("script-src")[1]


def test_formatting_typed_in_a_result_text_reaches_visitors_and_scripts_are_removed(
    staff_client, client
):
    text = ResultText.objects.get(key="talk-it-through")
    response = staff_client.post(
        change_url(text),
        form_data(
            text,
            body_me="<p>Call us <strong>today</strong>.</p><script>alert(1)</script>"
            '<ul><li><a href="https://example.org/" onclick="x()">Read more</a></li></ul>',
        ),
        follow=True,
    )
    assert "were removed when saving: code that could run" in html(response)
    saved = ResultText.objects.get(pk=text.pk).body_me
    assert "<script" not in saved and "onclick" not in saved
    assert "<strong>today</strong>" in saved
    answer_all(client, paths=("no", "no", "no"))
    page = html(client.post(RESULT))
    assert "<p>Call us <strong>today</strong>.</p>" in page
    assert '<a href="https://example.org/" rel="noopener noreferrer">Read more</a>' in page
    assert "alert(1)" not in page


def test_a_formatted_hint_and_benefit_show_as_html_on_the_visitor_pages(client):
    Question.objects.filter(key="relapse").update(help_me="<p>It is <em>common</em>.</p>")
    PathBenefit.objects.filter(key="relapse").update(
        benefit_me="<p>Support <strong>every week</strong>.</p><p>Second part.</p>"
    )
    answer_all(client, paths=("no", "no", "yes"))
    page = html(client.get(question_url("relapse")))
    assert re.search(r'class="form-text"><p>It is <em>common</em>.</p></div>', page)
    result = html(client.post(RESULT))
    assert "<p>Support <strong>every week</strong>.</p><p>Second part.</p>" in result


def test_the_migration_turns_plain_paragraphs_into_html_and_leaves_formatted_rows(client):
    plain = "First part.\nSame paragraph.\n\nSecond & last part."
    ResultText.objects.filter(key="detox-first").update(body_me=plain)
    Question.objects.filter(key="detox").update(help_me="<p>Staff <b>formatted</b> this.</p>")
    migration.to_html(apps, None)
    converted = ResultText.objects.get(key="detox-first").body_me
    # The same markup the old template made with `linebreaks`, so it reads the same.
    assert converted == linebreaks_filter(plain)
    assert Question.objects.get(key="detox").help_me == "<p>Staff <b>formatted</b> this.</p>"
    migration.to_plain(apps, None)
    assert ResultText.objects.get(key="detox-first").body_me == plain
    assert Question.objects.get(key="detox").help_me == "<p>Staff <b>formatted</b> this.</p>"


def test_the_starting_result_text_renders_as_the_plain_text_did(client):
    # Two paragraphs in the starting wording, shown as two paragraphs.
    answer_all(client, detox="still_need")
    page = html(client.post(RESULT))
    assert re.search(r'<div class="sc-result-text"><p>Your answers show[^<]*</p>\s*<p>Detox', page)


def test_staff_edit_the_start_page_points(staff_client, client):
    facts = PageText.objects.get(key="start_facts")
    response = staff_client.post(
        change_url(facts),
        form_data(facts, text_me="<ul><li>Takes <strong>two</strong> minutes.</li></ul>"),
    )
    assert response.status_code == 302
    page = html(client.get(START))
    assert '<div class="sc-facts"><ul><li>Takes <strong>two</strong> minutes.</li></ul>' in page
    assert "About 2 minutes" not in page


def test_the_start_page_points_start_as_they_were_in_the_template(client):
    page = html(client.get(START))
    assert "<li>About 2 minutes: 4 or 5 short questions, one per page.</li>" in page
    assert "<li>You can go back, change an answer, or start over at any time.</li>" in page


def test_staff_edit_what_happens_when_you_call_for_each_audience(
    staff_client, client, site_settings
):
    call = PageText.objects.get(key="about_call")
    response = staff_client.post(
        change_url(call),
        form_data(
            call,
            text_me="<h2>When you call</h2><p>[provider name] picks up.</p>",
            text_loved_one="<h2>When you call</h2><p>Ask [provider name] about them.</p>",
        ),
    )
    assert response.status_code == 302
    answer_all(client, who="loved_one", paths=("no", "no", "no"))
    page = html(client.post(RESULT))
    assert f"<p>Ask {site_settings.provider_name} about them.</p>" in page
    assert "picks up" not in page
    answer_all(client, who="me", paths=("no", "no", "no"))
    page = html(client.post(RESULT))
    assert f"<p>{site_settings.provider_name} picks up.</p>" in page


def test_the_call_explanation_starts_as_it_was_in_the_template(client, site_settings):
    answer_all(client, who="loved_one")
    page = html(client.post(RESULT))
    assert "<h2>What happens when you call</h2>" in page
    assert f"<li>Someone from the {site_settings.provider_name} team answers.</li>" in page
    assert "<li>You can call to ask for help for someone else.</li>" in page
    answer_all(client, who="me")
    assert "for someone else" not in html(client.post(RESULT))


def test_results_keep_one_length_after_rich_wording_edits(client, site_settings):
    PathBenefit.objects.filter(key="stepping_down").update(
        benefit_me="<p>A <strong>much</strong> longer benefit.</p>" * 30
    )
    PageText.objects.filter(key="about_call").update(text_loved_one="<p>Short.</p>")
    sizes = {combination: len(r.content) for combination, r in _every_result_response(client)}
    assert len(set(sizes.values())) == 1, sizes


def test_preview_shows_an_unsaved_result_text_marked_and_not_kept(staff_client):
    text = ResultText.objects.get(key="good-fit")
    data = form_data(text, body_loved_one="<p>Unsaved <em>words</em> for them.</p>")
    response = staff_client.post(preview_url(text), {**data, "_preview_for": "loved_one"})
    assert response.status_code == 200
    page = html(response)
    assert "Preview only: visitors cannot see this" in page
    assert "<p>Unsaved <em>words</em> for them.</p>" in page
    assert "someone checking for a loved one" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert ResultText.objects.get(pk=text.pk).body_loved_one == text.body_loved_one


def test_preview_shows_an_unsaved_question_hint_and_names_what_would_be_removed(staff_client):
    question = Question.objects.get(key="detox")
    data = form_data(question, help_me="<p>New hint.</p><script>x()</script>", text_me="")
    response = staff_client.post(preview_url(question), {**data, "_preview_for": "me"})
    page = html(response)
    assert response.status_code == 200
    assert "<p>New hint.</p>" in page and "x()" not in page
    assert "will be removed when you save: code that could run" in page
    assert "Saving would fail until these are fixed" in page
    assert re.search(r"Question \(for me\)[^<:]{0,25}English[^<:]*:", page)


def test_preview_of_a_benefit_and_of_the_start_points(staff_client):
    benefit = PathBenefit.objects.get(key="rather_not_live_in")
    data = form_data(benefit, benefit_me="<p>Preview benefit.</p>")
    page = html(staff_client.post(preview_url(benefit), {**data, "_preview_for": "me"}))
    assert "<p>Preview benefit.</p>" in page and "Preview only" in page
    facts = PageText.objects.get(key="start_facts")
    data = form_data(facts, text_me="<ul><li>Preview point.</li></ul>")
    page = html(staff_client.post(preview_url(facts), {**data, "_preview_for": "me"}))
    assert "<li>Preview point.</li>" in page and "Who are you checking for?" in page


def test_preview_is_post_only_and_for_staff(staff_client):
    text = ResultText.objects.get(key="good-fit")
    assert staff_client.get(preview_url(text)).status_code == 405
    response = Client().post(preview_url(text), form_data(text))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_wording_form_offers_a_preview_for_each_audience(staff_client):
    question = Question.objects.get(key="relapse")
    page = html(staff_client.get(change_url(question)))
    assert f'formaction="{preview_url(question)}"' in page
    assert re.search(r'name="_preview_for"\s+value="me"', page)
    assert re.search(r'name="_preview_for"\s+value="loved_one"', page)


def test_an_editor_changes_and_previews_the_page_texts(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("writer", password="x-long-pass", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    call = PageText.objects.get(key="about_call")
    assert client.get(change_url(call)).status_code == 200
    data = form_data(call, text_me="<p>From an editor.</p>")
    assert "<p>From an editor.</p>" in html(client.post(preview_url(call), data))
    assert client.post(change_url(call), data).status_code == 302
    assert PageText.objects.get(pk=call.pk).text_me == "<p>From an editor.</p>"


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["question", "resulttext", "pathbenefit"])
def test_wording_fields_show_their_reading_grade_while_staff_type(staff_client, model):
    from django.apps import apps
    from django.urls import reverse

    record = apps.get_model("screening", model).objects.first()
    page = staff_client.get(reverse(f"admin:screening_{model}_change", args=[record.pk]))
    html = page.content.decode()
    grader = reverse("admin:content_page_reading_level")
    assert html.count(f'data-reading-level="{grader}"') >= 4
    # Each text is graded in its own language.
    assert html.count('data-reading-language="en"') >= 2
    assert html.count('data-reading-language="es"') >= 2
    assert "admin/js/reading-level" in html
    graded = staff_client.post(grader, {"text": "Call us. We can help you today."})
    assert graded.status_code == 200 and "grade" in graded.json()["summary"].lower()
