"""The self-check in Spanish under /es/, by plain form posts (no JavaScript), to each result."""

import itertools
import re

import pytest

from screening import vocabulary as v
from screening.models import Question, ResultText

from .screening_helpers import CHECK, RESULT, START, START_OVER, html, question_url
from .spanish_helpers import english_words

pytestmark = pytest.mark.django_db

ES_START, ES_CHECK, ES_RESULT, ES_START_OVER = (
    "/es" + path for path in (START, CHECK, RESULT, START_OVER)
)
QUESTIONS = ["rather_not_live_in", "stepping_down", "relapse", "detox"]

# Answers that reach each result (docs/screening-rules.md): paths, detox, warning signs ticked.
ROUTES = {
    v.GOOD_FIT: (("yes", "no", "not_sure"), "completed", None),
    v.DETOX_FIRST: (("no", "no", "no"), "not_sure", ["shakes"]),
    v.TALK_IT_THROUGH: (("not_sure", "no", "not_sure"), "not_sure", ["none"]),
}


def es_question(step):
    return "/es" + question_url(step)


def own_parts(page):
    """What the self-check itself renders: the title, the description and the main element.

    Read on its own, so a site-wide lang="en" (or English in the header and footer, which are
    the site's and not the self-check's) neither hides nor adds a word here.
    """
    title = re.search(r"<title>.*?</title>", page, re.S).group(0)
    description = re.search(r'<meta name="description"[^>]*>', page, re.S).group(0)
    main = re.search(r"<main.*?</main>", page, re.S).group(0)
    return f'<html lang="es"><head>{title}{description}</head><body>{main}</body></html>'


def without_tokens(page):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def title_of(page):
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()


def assert_all_spanish(response):
    """A Spanish page: no English word outside lang="en", links kept under /es/."""
    assert response.status_code == 200
    assert response["Content-Language"] == "es"
    page = html(response)
    assert english_words(page) == []
    assert english_words(own_parts(page)) == []
    main = re.search(r"<main.*?</main>", page, re.S).group(0)
    for address in re.findall(r'(?:href|action)="(/[^"]*)"', main):
        assert address.startswith("/es/"), address
    return page


def follow(client, response):
    """The page a redirect goes to, checked to stay in Spanish."""
    assert response.status_code == 302
    assert response["Location"].startswith("/es/self-check/"), response["Location"]
    return client.get(response["Location"])


def walk(client, who, paths, detox, signs):
    """Answer every step from the Spanish start page, checking each page; returns the result."""
    start = assert_all_spanish(client.get(ES_START))
    assert "¿Para quién hace esta autoevaluación?" in start
    assert "Empezar la autoevaluación" in start
    response = client.post(ES_START, {"answer": who})
    for number, (step, value) in enumerate(zip(QUESTIONS, [*paths, detox], strict=True), 2):
        response = follow(client, response)
        page = assert_all_spanish(response)
        assert response.request["PATH_INFO"] == es_question(step)
        assert f"Paso {number} de 6" in page
        assert title_of(page).startswith(f"Autoevaluación, paso {number} de 6 |")
        assert f'href="{ES_START if number == 2 else es_question(QUESTIONS[number - 3])}"' in page
        response = client.post(es_question(step), {"answer": value})
    if signs is not None:
        # The follow-up: at the detox step's address, under its title and step number.
        assert response["Location"] == es_question("detox")
        page = assert_all_spanish(client.get(response["Location"]))
        assert title_of(page).startswith("Autoevaluación, paso 5 de 6 |")
        assert "Paso 5 de 6" in page and "Ninguna de estas" in page and 'name="back"' in page
        response = client.post(es_question("detox"), {"answer": signs})
    assert response["Location"] == ES_CHECK
    check = assert_all_spanish(client.get(ES_CHECK))
    assert "Revise sus respuestas" in check and "Paso 6 de 6" in check
    assert f'action="{ES_RESULT}"' in check and "Ver mi resultado" in check
    result = client.post(ES_RESULT)
    assert "no-store" in result["Cache-Control"]
    return assert_all_spanish(result)


@pytest.mark.parametrize("who", v.AUDIENCES)
@pytest.mark.parametrize("outcome", v.OUTCOMES)
def test_a_spanish_speaker_reaches_each_result_without_meeting_english(client, who, outcome):
    paths, detox, signs = ROUTES[outcome]
    result = walk(client, who, paths, detox, signs)
    assert f'data-outcome="{outcome}"' in result
    assert "El resultado de su autoevaluación" in result
    assert "Qué hacer ahora" in result and "Llame al (844) 744-8783" in result
    assert "Esto es una autoevaluación, no un diagnóstico." in result
    assert ("su ser querido" in result) == (who == v.LOVED_ONE)
    # Only "talk it through" offers SAMHSA's helpline as an honest alternative (the crisis box
    # on every page names it too, in other words).
    alternative = "Es gratis y privada, atiende de día y de noche"
    assert (alternative in result) == (outcome == v.TALK_IT_THROUGH)
    assert f'action="{ES_START_OVER}"' in result


def test_the_loved_one_self_check_is_worded_about_the_person(client):
    client.post(ES_START, {"answer": "loved_one"})
    for step in QUESTIONS[:3]:
        client.post(es_question(step), {"answer": "no"})
    detox = html(client.get(es_question("detox")))
    assert "Ya terminó la desintoxicación" in detox and "Ya terminé" not in detox
    client.post(es_question("detox"), {"answer": "not_sure"})
    signs = html(client.get(es_question("detox")))
    assert "Cuando consume menos, tiembla" in signs and "Cuando consumo menos" not in signs


def test_an_invalid_answer_is_shown_again_with_a_spanish_error(client):
    client.post(ES_START, {"answer": "me"})
    for posted, message in [
        ({}, "Elija una respuesta."),
        ({"answer": "definitely"}, "Elija una de las respuestas que se muestran."),
    ]:
        response = client.post(es_question("rather_not_live_in"), posted)
        page = assert_all_spanish(response)
        assert "Hay un problema" in page and message in page
        assert title_of(page).startswith("Error: Autoevaluación, paso 2 de 6")
        assert f'action="{es_question("rather_not_live_in")}"' in page


def test_the_warning_signs_errors_are_in_spanish(client):
    client.post(ES_START, {"answer": "me"})
    for step in QUESTIONS[:3]:
        client.post(es_question(step), {"answer": "no"})
    client.post(es_question("detox"), {"answer": "not_sure"})
    for posted, message in [
        ({}, "Marque al menos una casilla, o marque “Ninguna de estas”."),
        ({"answer": ["none", "shakes"]}, "Marcó “Ninguna de estas” y también una señal."),
    ]:
        page = assert_all_spanish(client.post(es_question("detox"), posted))
        assert message in page


def test_back_from_the_follow_up_stays_in_spanish(client):
    client.post(ES_START, {"answer": "me"})
    for step in QUESTIONS[:3]:
        client.post(es_question(step), {"answer": "no"})
    client.post(es_question("detox"), {"answer": "not_sure"})
    response = client.post(es_question("detox"), {"back": "1"})
    assert response["Location"] == es_question("detox")
    page = assert_all_spanish(client.get(response["Location"]))
    assert "Todavía necesito desintoxicación" in page and 'name="back"' not in page


def test_changing_an_answer_from_the_check_page_stays_in_spanish(client):
    client.post(ES_START, {"answer": "me"})
    for step in QUESTIONS:
        client.post(es_question(step), {"answer": "completed" if step == "detox" else "no"})
    check = assert_all_spanish(client.get(ES_CHECK))
    change = es_question("relapse") + "?change=1"
    assert f'href="{change}"' in check and "Cambiar" in check
    page = assert_all_spanish(client.get(change))
    assert f'href="{ES_CHECK}"' in page and "Continuar" in page
    response = client.post(change, {"answer": "yes"})
    assert response["Location"] == ES_CHECK
    assert "Sí" in assert_all_spanish(client.get(ES_CHECK))


def test_start_over_clears_the_answers_and_says_so_in_spanish(client):
    client.post(ES_START, {"answer": "me"})
    client.post(es_question("rather_not_live_in"), {"answer": "yes"})
    response = client.post(ES_START_OVER)
    assert response["Location"] == ES_START
    page = assert_all_spanish(client.get(ES_START))
    assert "Sus respuestas se borraron. Puede empezar otra vez." in page
    assert "checked" not in page


def test_the_self_check_sends_people_back_in_spanish(client):
    # No answers at all: to the start, with why.
    page = assert_all_spanish(follow(client, client.get(es_question("detox"))))
    assert "No encontramos sus respuestas." in page
    # A question skipped: to it, with why.
    client.post(ES_START, {"answer": "me"})
    response = client.get(es_question("detox"))
    assert response["Location"] == es_question("rather_not_live_in")
    assert "Por favor, responda primero esta pregunta." in assert_all_spanish(
        follow(client, response)
    )
    # The result asked for without the final POST: to the check page.
    for step in QUESTIONS:
        client.post(es_question(step), {"answer": "completed" if step == "detox" else "no"})
    response = client.get(ES_RESULT)
    assert response["Location"] == ES_CHECK
    assert "“Ver mi resultado”" in assert_all_spanish(follow(client, response))


def test_a_repeat_result_post_shows_the_same_spanish_result(client):
    paths, detox, signs = ROUTES[v.GOOD_FIT]
    first = walk(client, v.ME, paths, detox, signs)
    again = client.post(ES_RESULT)
    assert "no-store" in again["Cache-Control"]
    # The same page but for the form's fresh CSRF token.
    assert without_tokens(assert_all_spanish(again)) == without_tokens(first)


def test_staff_wording_without_spanish_shows_english_marked_and_noted(client):
    Question.objects.filter(key=v.RATHER_NOT_LIVE_IN).update(text_me_es="", help_me_es="")
    client.post(ES_START, {"answer": "me"})
    page = html(client.get(es_question("rather_not_live_in")))
    assert "Esta parte solo está en inglés por ahora." in page
    assert re.search(r'<h1 class="sc-question"[^>]*><span lang="en">Are you ready', page)
    assert '<div lang="en"><p>In inpatient rehab' in page


def test_staff_wording_with_spanish_shows_it_without_the_note(client):
    Question.objects.filter(key=v.RATHER_NOT_LIVE_IN).update(
        text_me_es="¿Quiere mejorar, pero sin vivir en un centro?",
        help_me_es="<p>En el IOP vuelve a su casa cada día.</p>",
    )
    client.post(ES_START, {"answer": "me"})
    page = assert_all_spanish(client.get(es_question("rather_not_live_in")))
    assert "¿Quiere mejorar, pero sin vivir en un centro?" in page
    assert "En el IOP vuelve a su casa cada día." in page
    main = re.search(r"<main.*?</main>", page, re.S).group(0)
    assert 'lang="en"' not in main and "solo está en inglés" not in main


def test_english_pages_mark_no_part_as_english(client):
    client.post(START, {"answer": "me"})
    page = html(client.get(question_url("rather_not_live_in")))
    assert "Are you ready" in page and 'lang="en"' not in re.search(
        r"<main.*?</main>", page, re.S
    ).group(0)


def _every_spanish_result(client, prefix):
    """One final POST for every outcome, set of matched paths and audience."""
    for who in v.AUDIENCES:
        for paths in itertools.product(("yes", "no"), repeat=3):
            client.post(prefix + START, {"answer": who})
            for step, value in zip(QUESTIONS, [*paths, "completed"], strict=True):
                client.post(prefix + question_url(step), {"answer": value})
            yield client.post(prefix + RESULT)
        client.post(prefix + START, {"answer": who})
        for step, value in zip(QUESTIONS, ["no", "no", "no", "still_need"], strict=True):
            client.post(prefix + question_url(step), {"answer": value})
        yield client.post(prefix + RESULT)


def _sizes(client, prefix):
    sizes, outcomes = set(), set()
    for response in _every_spanish_result(client, prefix):
        assert response.status_code == 200
        sizes.add(len(response.content))
        outcomes.add(re.search(r'data-outcome="([a-z-]+)"', html(response)).group(1))
    assert outcomes == set(v.OUTCOMES)
    return sizes


def test_every_spanish_result_has_one_spanish_length(client, site_settings):
    # Some wording translated and some not, so results differ in what falls back to English;
    # the English results come first, so their length is known before any Spanish one.
    ResultText.objects.filter(key=v.DETOX_FIRST).update(heading_me_es="Primero, desintoxicación")
    english = _sizes(client, "")
    spanish = _sizes(client, "/es")
    assert len(english) == 1
    assert len(spanish) == 1, spanish
    assert spanish != english
