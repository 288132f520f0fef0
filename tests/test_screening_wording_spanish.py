"""Self-check wording in Spanish: starting text, editing side by side, preview and history."""

import re
from importlib import import_module

import pytest
import textstat
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from content.readability import sentences_of
from core.languages import translated_fields
from screening import wording
from screening.models import PageText, PathBenefit, Question, ResultText

from .screening_helpers import RESULT, answer_all, html
from .spanish_helpers import english_words
from .staff_helpers import hidden_value
from .test_screening_wording import change_url, form_data, preview_url

pytestmark = pytest.mark.django_db

MODELS = [Question, ResultText, PathBenefit, PageText]
migration = import_module("screening.migrations.0009_spanish_wording")

# "Fácil" on Fernández Huerta's scale starts at 80 (the brief's target for all Spanish prose).
EASY = 80
# A result's heading is a few words, read with the text under it: one long word
# ("desintoxicación", six syllables) puts it below EASY on its own, so it is graded with its text
# and alone must only be above "algo fácil" (70).
HEADING_ALONE = 70


def spanish_ease(text_or_html):
    sentences = sentences_of(text_or_html)
    punctuated = " ".join(s if s[-1] in ".!?" else f"{s}." for s in sentences)
    textstat.set_lang("es")
    try:
        return textstat.fernandez_huerta(punctuated)
    finally:
        # textstat keeps one language for the whole process; the page grader reads English.
        textstat.set_lang("en_US")


def es(name, **kwargs):
    with translation.override("es"):
        return reverse(f"screening:{name}", kwargs=kwargs or None)


def answer_all_in_spanish(client, who="me", paths=("yes", "no", "no"), detox="completed"):
    assert client.post(es("start"), {"answer": who}).status_code == 302
    steps = zip(["rather_not_live_in", "stepping_down", "relapse"], paths, strict=True)
    for step, value in [*steps, ("detox", detox)]:
        response = client.post(es("question", page=step), {"answer": value})
        assert response.status_code == 302, (step, response.content.decode())


def every_text():
    for model in MODELS:
        for record in model.objects.all():
            for field in translated_fields(model):
                yield record, field


def test_every_wording_record_has_its_spanish_starting_text():
    checked = 0
    for record, field in every_text():
        english, spanish = getattr(record, f"{field}_en"), getattr(record, f"{field}_es")
        # Only the safety warnings of two paths are empty, in both languages.
        assert bool(english) == bool(spanish), (record.key, field)
        if english:
            assert spanish != english, (record.key, field)
            checked += 1
    assert checked == 5 * 4 + 3 * 4 + 3 * 4 + 2 + 2 * 2


def test_every_spanish_text_is_easy_to_read():
    for record, field in every_text():
        text = getattr(record, f"{field}_es")
        if not text:
            continue
        if field.startswith("heading"):
            body = getattr(record, field.replace("heading", "body") + "_es")
            assert spanish_ease(text) >= HEADING_ALONE, (record.key, field, text)
            text = f"<h2>{text}</h2>{body}"
        assert spanish_ease(text) >= EASY, (record.key, field, spanish_ease(text), text)


def test_the_easy_reading_check_can_fail():
    hard = (
        "La administración farmacológica supervisada constituye, indudablemente, una "
        "intervención terapéutica imprescindible."
    )
    assert spanish_ease(hard) < EASY


def test_the_spanish_keeps_the_english_formatting():
    for model in MODELS:
        for record in model.objects.all():
            for field in wording.RICH_FIELDS[model._meta.model_name]:
                tags = [
                    re.findall(r"<(\w+)", getattr(record, f"{field}_{lang}"))
                    for lang in ["en", "es"]
                ]
                assert tags[0] == tags[1], (record.key, field)


def test_the_spanish_says_usted_and_names_no_gender_and_no_promise():
    for record, field in every_text():
        text = getattr(record, f"{field}_es") or ""
        # "tú" forms, gendered words for the person, or a promise of a place.
        assert not re.search(
            r"\b(tú|tienes|quieres|puedes|él|ella|sobri[oa]s?|solo|sola|listo|lista|seguro de|"
            r"segura de|califica\w*)\b|/a\b|\(a\)",
            text,
            re.IGNORECASE,
        ), (record.key, field, text)
        if field.endswith("_loved_one"):
            assert "tu " not in text.lower()


def test_the_glossary_terms_are_used():
    good_fit = ResultText.objects.get(key="good-fit")
    assert "programa intensivo ambulatorio (IOP)" in good_fit.body_me_es
    assert "su ser querido" in good_fit.heading_loved_one_es
    assert "desintoxicación" in Question.objects.get(key="detox").text_me_es
    assert "Qué pasa cuando llama" in PageText.objects.get(key="about_call").text_me_es
    assert "autoevaluación" in PageText.objects.get(key="start_facts").text_me_es
    assert "[provider name]" in PageText.objects.get(key="about_call").text_loved_one_es


def test_the_migration_fills_only_empty_spanish_and_going_back_clears_only_its_own():
    Question.objects.filter(key="relapse").update(text_me_es="Staff wrote this.", help_me_es=None)
    Question.objects.filter(key="detox").update(text_me_es="")
    migration.fill_spanish(apps, None)
    relapse = Question.objects.get(key="relapse")
    assert relapse.text_me_es == "Staff wrote this."
    assert relapse.help_me_es == migration.SPANISH["question"]["relapse"]["help_me"]
    assert Question.objects.get(key="detox").text_me_es.startswith("¿Qué es cierto")
    migration.clear_spanish(apps, None)
    relapse = Question.objects.get(key="relapse")
    assert relapse.text_me_es == "Staff wrote this."
    assert relapse.help_me_es is None and relapse.text_loved_one_es is None
    assert not ResultText.objects.filter(body_me_es__isnull=False).exists()
    # The English is never touched.
    assert relapse.text_me_en == wording.QUESTIONS["relapse"]["text_me"]


def test_the_migration_holds_the_same_spanish_as_the_live_starting_wording():
    assert migration.SPANISH == {
        "question": wording.QUESTIONS_ES,
        "resulttext": wording.RESULTS_ES,
        "pathbenefit": wording.PATH_BENEFITS_ES,
        "pagetext": wording.PAGE_TEXTS_ES,
    }


def test_a_missing_record_falls_back_to_the_spanish_starting_words(client):
    Question.objects.filter(key="stepping_down").delete()
    client.post(es("start"), {"answer": "loved_one"})
    client.post(es("question", page="rather_not_live_in"), {"answer": "yes"})
    page = html(client.get(es("question", page="stepping_down")))
    assert "¿Su ser querido terminó un programa en un centro donde vivía" in page
    assert "Has your loved one finished" not in page


def test_the_spanish_self_check_shows_the_spanish_questions_and_english_stays(client):
    client.post(es("start"), {"answer": "me"})
    page = html(client.get(es("question", page="rather_not_live_in")))
    assert "¿Quiere mejorar, pero sin tener que vivir en un centro para hacerlo?" in page
    assert "would rather not live at a rehab" not in page
    client.post("/self-check/", {"answer": "me"})
    english = html(client.get("/self-check/question/rather_not_live_in/"))
    assert "would rather not live at a rehab" in english


def test_the_change_form_shows_english_and_spanish_side_by_side(staff_client):
    text = ResultText.objects.get(key="good-fit")
    page = html(staff_client.get(change_url(text)))
    for name in ("heading_me", "body_me", "heading_loved_one", "body_loved_one"):
        assert f'name="{name}_en"' in page and f'name="{name}_es"' in page
        # English and Spanish of one text come one after the other.
        assert page.index(f'name="{name}_en"') < page.index(f'name="{name}_es"')
    # Each box says its language in words.
    for label, language in (
        ("Heading (for me)", "English"),
        ("Heading (for me)", "Spanish"),
        ("Text (for a loved one)", "Spanish"),
    ):
        assert re.search(rf"{re.escape(label)}[^<]{{0,25}}{language}", page), (label, language)
    assert "Leave it empty until it is translated" in page
    assert re.search(
        r'<input[^>]*name="heading_me_es"[^>]*lang="es"|<input[^>]*lang="es"[^>]*name="heading_me_es"',
        page,
    )
    assert ResultText.objects.get(pk=text.pk).heading_me_es in page


def test_the_spanish_rich_text_uses_the_page_editor_and_may_stay_empty(staff_client, client):
    benefit = PathBenefit.objects.get(key="rather_not_live_in")
    page = html(staff_client.get(change_url(benefit)))
    assert re.search(r'<textarea[^>]*name="benefit_me_es"[^>]*data-django-prose-editor-iop', page)
    response = staff_client.post(change_url(benefit), form_data(benefit, benefit_me_es=""))
    assert response.status_code == 302
    # An empty Spanish text shows the English on /es/.
    answer_all_in_spanish(client)
    result = html(client.post(es("result")))
    assert "IOP is part-time." in result
    assert "El IOP es de medio tiempo." not in result


def test_staff_change_a_spanish_text_and_see_it_on_es_at_the_next_request(staff_client):
    # Not the staff's client: a finished self-check ends its session, and a sign-in with it.
    client = Client()
    text = ResultText.objects.get(key="good-fit")
    answer_all_in_spanish(client)
    assert "El IOP puede ser una buena opción para usted" in html(client.post(es("result")))
    response = staff_client.post(
        change_url(text),
        form_data(
            text,
            heading_me_es="Un IOP le puede servir",
            body_me_es="<p>Llame hoy. Le <strong>ayudamos</strong>.</p><script>x()</script>",
        ),
    )
    assert response.status_code == 302
    answer_all_in_spanish(client)
    page = html(client.post(es("result")))
    assert ">Un IOP le puede servir</h1>" in page
    assert "<p>Llame hoy. Le <strong>ayudamos</strong>.</p>" in page and "x()" not in page
    answer_all(client)
    english = html(client.post(RESULT))
    assert ">IOP may be a good fit for you</h1>" in english
    assert "Un IOP le puede servir" not in english
    saved = ResultText.objects.get(pk=text.pk)
    assert saved.heading_me_en == "IOP may be a good fit for you"


def test_the_english_text_stays_required_and_the_spanish_does_not(staff_client):
    question = Question.objects.get(key="relapse")
    response = staff_client.post(change_url(question), form_data(question, text_me_en=""))
    assert response.status_code == 200
    assert Question.objects.get(pk=question.pk).text_me_en
    response = staff_client.post(change_url(question), form_data(question, text_me_es=""))
    assert response.status_code == 302
    assert not Question.objects.get(pk=question.pk).text_me_es


def test_spanish_wording_cannot_promise_a_place(staff_client):
    text = ResultText.objects.get(key="good-fit")
    data = form_data(text, heading_me_es="Usted califica para el IOP")
    response = staff_client.post(change_url(text), data)
    assert response.status_code == 200
    assert "Please do not promise a place" in html(response)
    assert ResultText.objects.get(pk=text.pk).heading_me_es != "Usted califica para el IOP"


def test_each_language_is_graded_in_its_own_language(staff_client):
    question = Question.objects.get(key="detox")
    page = html(staff_client.get(change_url(question)))
    grader = reverse("admin:content_page_reading_level")
    for name, language in (("help_me_en", "en"), ("help_me_es", "es"), ("text_me_es", "es")):
        tag = re.search(rf'<(textarea|input)[^>]*name="{name}"[^>]*>', page).group(0)
        assert f'data-reading-level="{grader}"' in tag
        assert f'data-reading-language="{language}"' in tag


def test_the_wording_form_offers_a_spanish_preview(staff_client):
    question = Question.objects.get(key="relapse")
    page = html(staff_client.get(change_url(question)))
    assert f'formaction="{preview_url(question)}?language=es"' in page
    assert "Preview in Spanish for me" in page and "Preview in Spanish for a loved one" in page


def test_preview_in_spanish_shows_the_unsaved_spanish_as_on_es(staff_client):
    text = ResultText.objects.get(key="detox-first")
    data = form_data(text, body_loved_one_es="<p>Texto <em>nuevo</em> sin guardar.</p>")
    response = staff_client.post(
        f"{preview_url(text)}?language=es", {**data, "_preview_for": "loved_one"}
    )
    assert response.status_code == 200
    page = html(response)
    assert "<p>Texto <em>nuevo</em> sin guardar.</p>" in page
    assert "someone checking for a loved one on the Spanish site" in page
    assert text.heading_loved_one_es in page
    assert text.heading_loved_one_en not in page
    # The page's own links are the Spanish site's.
    assert 'href="/es/' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert ResultText.objects.get(pk=text.pk).body_loved_one_es == text.body_loved_one_es
    english = html(staff_client.post(preview_url(text), {**data, "_preview_for": "loved_one"}))
    assert "sin guardar" not in english and text.heading_loved_one_en in english


def test_preview_in_spanish_of_a_question_and_of_the_start_points(staff_client):
    question = Question.objects.get(key="detox")
    data = form_data(question, help_me_es="<p>Pista nueva.</p>")
    page = html(
        staff_client.post(f"{preview_url(question)}?language=es", {**data, "_preview_for": "me"})
    )
    assert "<p>Pista nueva.</p>" in page and question.text_me_es in page
    facts = PageText.objects.get(key="start_facts")
    data = form_data(facts, text_me_es="<ul><li>Punto de prueba.</li></ul>")
    page = html(
        staff_client.post(f"{preview_url(facts)}?language=es", {**data, "_preview_for": "me"})
    )
    assert "<li>Punto de prueba.</li>" in page and "About 2 minutes" not in page


def test_a_spanish_edit_is_kept_in_history_compared_and_restored(staff_client):
    benefit = PathBenefit.objects.get(key="relapse")
    original = benefit.warning_me_es
    data = form_data(benefit, warning_me_es="Aviso nuevo.")
    data["edit_token"] = hidden_value(staff_client.get(change_url(benefit)), "edit_token")
    assert staff_client.post(change_url(benefit), data).status_code == 302
    versions = list(Version.objects.get_for_object(benefit))
    assert [v.field_dict["warning_me_es"] for v in versions] == ["Aviso nuevo.", original]
    assert versions[0].field_dict["warning_me_en"] == benefit.warning_me_en

    history = html(staff_client.get(f"/admin/screening/pathbenefit/{benefit.pk}/history/"))
    # The Spanish column is named as changed, with its language.
    assert re.search(r"Safety warning \(for me\) [\[(]?(es|Spanish)", history)
    compare = html(
        staff_client.get(
            f"/admin/screening/pathbenefit/{benefit.pk}/history/compare/"
            f"?a={versions[1].pk}&b={versions[0].pk}"
        )
    )
    # The comparison table writes spaces as &nbsp;.
    assert "Aviso" in compare and "Cuídese" in compare

    restore_url = f"/admin/screening/pathbenefit/{benefit.pk}/history/{versions[1].pk}/"
    shown = staff_client.get(restore_url)
    assert "Cuídese" in html(shown)
    restored = form_data(benefit)
    restored["edit_token"] = hidden_value(shown, "edit_token")
    assert staff_client.post(restore_url, restored).status_code == 302
    saved = PathBenefit.objects.get(pk=benefit.pk)
    assert saved.warning_me_es == original
    assert saved.warning_me_en == benefit.warning_me_en


def test_the_spanish_wording_has_no_english_words():
    for record, field in every_text():
        text = getattr(record, f"{field}_es") or ""
        page = f'<html lang="es"><body><div>{text}</div></body></html>'
        assert english_words(page) == [], (record.key, field)
