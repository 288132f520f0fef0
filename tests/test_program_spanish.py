"""The program's pages in Spanish: interface text translated, staff facts in the language entered.

Only the <main> element is checked for English words here: the header, footer and crisis help
are translated by their own owners in parallel and tested with their pages.
"""

import re

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from program.models import Credential, Location, Notices, ProgramFacts, Track
from tests.spanish_helpers import english_words

from .program_helpers import fill_in_program

SPANISH_PAGES = [
    "/es/our-program/",
    "/es/questions-to-ask/",
    "/es/privacy/",
    "/es/accessibility/",
    "/es/editorial-policy/",
    "/es/nondiscrimination/",
    "/es/language-help/",
]
NOTE = "Esta parte solo está en inglés por ahora."


def main(response):
    assert response.status_code == 200
    [part] = re.findall(r"<main\b.*?</main>", response.content.decode(), re.S)
    return part


def text(html):
    """Spaces collapsed, and none before a tag's end (an empty lang tag leaves one)."""
    return re.sub(r"\s+>", ">", re.sub(r"\s+", " ", html))


def translate(obj, **spanish):
    for name, value in spanish.items():
        setattr(obj, f"{name}_es", value)
    obj.save()  # a save, as from the admin, so the cached facts are read again


def fill_in_spanish():
    """The Spanish columns of the facts fill_in_program() entered in English."""
    translate(
        ProgramFacts.current(),
        who_for="Personas adultas de 18 años o más.",
        insurance="Plan Uno\nPlan Dos",
        self_pay="Pregúntenos por el pago sin seguro.",
        family_support="Un grupo semanal para las familias.",
        first_week="Usted conoce a su consejero.",
    )
    translate(Track.objects.get(), name="Grupo de la tarde")
    translate(
        Location.objects.get(), name="Clínica principal", directions="A dos cuadras del autobús."
    )
    translate(Credential.objects.get(), name="Licencia para atención ambulatoria")


def notices_in_both_languages():
    Notices.objects.create(
        nondiscrimination_on=True,
        nondiscrimination_en="We serve everyone fairly.",
        nondiscrimination_es="Atendemos a todas las personas por igual.",
        language_help_on=True,
        language_help_en="Free interpreters are available.",
        language_help_es="Tenemos intérpretes gratis.",
        taglines="Español: Hay ayuda gratis con el idioma.",
    )


@pytest.fixture(autouse=True)
def english_outside_requests():
    # A request to /es/ leaves Spanish active in this thread; staff-side code here is English.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def both_languages(db):
    fill_in_program()
    fill_in_spanish()
    notices_in_both_languages()


@pytest.mark.django_db
@pytest.mark.parametrize("path", SPANISH_PAGES)
def test_every_program_page_in_spanish_shows_no_english_in_its_main_part(client, path):
    fill_in_program()
    fill_in_spanish()
    notices_in_both_languages()
    part = main(client.get(path))
    assert english_words(part) == []
    assert NOTE not in part


@pytest.mark.django_db
@pytest.mark.parametrize("path", SPANISH_PAGES[:5])
def test_program_pages_in_spanish_on_a_fresh_site_show_no_english(client, path):
    assert english_words(main(client.get(path))) == []


@pytest.mark.django_db
def test_the_spanish_program_page_shows_the_spanish_facts_and_spanish_days(client, both_languages):
    page = text(main(client.get("/es/our-program/")))
    assert "Unas 12 horas de tratamiento por semana." in page
    assert "<strong>Grupo de la tarde:</strong> lunes a miércoles, 18:00 a 21:00" in page
    assert "Lunes a viernes, 8:00 a 17:00" in page
    assert "<li>Plan Uno</li>" in page and "Evening group" not in page
    assert "Licencia para atención ambulatoria</span>, de State Health Department" in page
    assert "(número A-123)" in page
    assert "En persona o en línea." in page
    assert 'href="/es/questions-to-ask/"' in page


@pytest.mark.django_db
def test_the_spanish_pages_have_spanish_titles_and_descriptions(client, both_languages):
    html = client.get("/es/privacy/").content.decode()
    assert "<h1>Privacidad</h1>" in html
    [description] = re.findall(r'<meta name="description"\s+content="([^"]*)"', html)
    assert description == "Qué guarda este sitio, qué no guarda nunca y qué cookies usa."
    assert english_words(description) == []


@pytest.mark.django_db
def test_facts_entered_only_in_english_show_marked_english_with_the_spanish_note(client, db):
    fill_in_program()
    page = text(main(client.get("/es/our-program/")))
    assert '<span lang="en">Adults 18 and over.</span>' in page
    assert '<strong lang="en">Evening group:</strong> lunes a miércoles' in page
    assert '<h3 id="place-1" lang="en">Main clinic</h3>' in page
    assert '<ul lang="en"> <li>Plan One</li>' in page
    assert '<p lang="en">You meet your counselor.</p>' in page
    assert page.count(NOTE) >= 5
    # Nothing English is left outside the parts marked lang="en".
    assert english_words(page) == []


@pytest.mark.django_db
def test_the_questions_page_marks_english_answers_and_translates_its_own(client, db):
    fill_in_program()
    page = text(main(client.get("/es/questions-to-ask/")))
    assert "<dt>¿Para quién es el programa?</dt>" in page
    assert '<span lang="en">Adults 18 and over.</span>' in page
    assert '<span lang="en">Evening group</span>: lunes a miércoles, 18:00 a 21:00' in page
    assert "Unas 12 horas por semana. En persona o en línea." in page
    # Nobody entered what happens after a slip, so visitors are told to ask, in Spanish.
    relapse = page.split("¿Qué pasa si vuelvo a beber o a consumir durante el programa?")[1]
    assert relapse.split("</dd>")[0].strip().startswith("</dt> <dd> Pregúntenos cuando llame")
    assert NOTE in page
    assert english_words(page) == []


@pytest.mark.django_db
def test_the_summary_on_the_spanish_home_page_uses_the_spanish_facts(client, both_languages):
    html = text(client.get("/es/").content.decode())
    summary = "<section" + html.split('<section class="program-summary"')[1].split("</section>")[0]
    assert "Cómo es el IOP aquí" in summary
    assert "Grupo de la tarde:</span> lunes a miércoles, 18:00 a 21:00" in summary
    assert 'href="/es/our-program/"' in summary
    assert english_words(summary) == [] and NOTE not in summary


@pytest.mark.django_db
def test_notices_entered_only_in_english_show_marked_english_on_spanish_pages(client):
    Notices.objects.create(
        nondiscrimination_on=True,
        nondiscrimination_en="We serve everyone fairly.",
        language_help_on=True,
        language_help_en="Free interpreters are available.",
    )
    for path in ["/es/nondiscrimination/", "/es/language-help/"]:
        page = text(main(client.get(path)))
        assert '<div class="notice-text" lang="en">' in page
        assert NOTE in page
        assert english_words(page) == []


@pytest.mark.django_db
def test_staff_change_a_spanish_fact_and_the_spanish_page_shows_it_next(
    client, staff_client, both_languages
):
    assert "Grupo de la tarde" in main(client.get("/es/our-program/"))
    track = Track.objects.get()
    form = staff_client.get(reverse("admin:program_track_change", args=[track.pk]))
    token = re.search(r'name="edit_token" value="([^"]*)"', form.content.decode())[1]
    response = staff_client.post(
        reverse("admin:program_track_change", args=[track.pk]),
        {
            "name_en": "Evening group",
            "name_es": "Grupo de la noche",
            "days": ["Mo", "Tu", "We"],
            "starts_at": "18:00",
            "ends_at": "21:00",
            "format": "",
            "order": "0",
            "edit_token": token,
        },
    )
    assert response.status_code == 302
    page = main(client.get("/es/our-program/"))
    assert "Grupo de la noche" in page and "Grupo de la tarde" not in page
    # The English page still shows the English name.
    assert "Evening group" in main(client.get("/our-program/"))


@pytest.mark.django_db
def test_staff_edit_both_languages_side_by_side_with_plain_labels(staff_client):
    response = staff_client.get(reverse("admin:program_programfacts_changelist"), follow=True)
    html = response.content.decode()
    assert "Who it is for (English)" in html and "Who it is for (Spanish)" in html
    # Each text's two boxes are neighbouring rows, English first (the admin's CSS pairs them).
    rows = re.findall(r'<div class="form-row[^"]*field-(\w+)"', html)
    assert rows[rows.index("who_for_en") + 1] == "who_for_es"
    assert 'name="edit_token"' in html
    # A schema.org term is the same in every language, so it has one box.
    assert 'name="medical_specialty"' in html and "medical_specialty_es" not in html


@pytest.mark.django_db
def test_staff_save_spanish_program_facts_and_notices_through_the_admin(client, staff_client):
    staff_client.get(reverse("admin:program_notices_changelist"), follow=True)
    response = staff_client.post(
        reverse("admin:program_notices_change", args=[1]),
        {
            "nondiscrimination_on": "on",
            "nondiscrimination_en": "We serve everyone fairly.",
            "nondiscrimination_es": "Atendemos a todas las personas por igual.",
            "language_help_en": "",
            "language_help_es": "",
            "taglines": "",
        },
    )
    assert response.status_code == 302
    page = text(main(client.get("/es/nondiscrimination/")))
    assert "Atendemos a todas las personas por igual." in page and NOTE not in page
    assert "We serve everyone fairly." in main(client.get("/nondiscrimination/"))


@pytest.mark.django_db
def test_the_spanish_privacy_page_states_the_same_settings_figures(client, settings):
    page = text(main(client.get("/es/privacy/")))
    assert "por 60 minutos como máximo" in page
    assert "no guardan una lista de las páginas" in page
    assert "su navegador no se conecta con ninguna otra empresa" in page
    assert f"después de {settings.SESSION_COOKIE_AGE // 3600} horas" in page
    assert f"Después de {settings.AXES_FAILURE_LIMIT} intentos fallidos" in page
    assert f"hora de {settings.TIME_ZONE}" in page
    settings.IOP_ACCESS_LOG_DAYS = 14
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'", "cdn.example"]}}
    from core import pagecache

    pagecache.clear()
    page = text(main(client.get("/es/privacy/")))
    assert "una lista de las visitas por 14 días" in page
    assert "ninguna otra empresa" not in page
    assert english_words(page) == []


@pytest.mark.django_db
def test_a_reviewed_article_in_spanish_gives_the_review_date_in_spanish(client, both_languages):
    page = text(client.get("/es/what-is-iop/").content.decode())
    assert "Parte médica revisada por Dana Example, MD, el" in page
    assert '<time datetime="2026-06-01">1 de junio de 2026</time>' in page
    english = text(client.get("/what-is-iop/").content.decode())
    assert '<time datetime="2026-06-01">June 1, 2026</time>' in english


def test_days_and_times_read_in_spanish_style():
    import datetime

    from django.utils import translation

    from program.models import days_text, time_range_text

    with translation.override("es"):
        assert days_text("Mo,Tu,We,Th,Fr") == "lunes a viernes"
        assert days_text("Mo,We") == "lunes y miércoles"
        assert days_text("Mo,We,Fr") == "lunes, miércoles y viernes"
        assert time_range_text(datetime.time(9), datetime.time(12)) == "9:00 a 12:00"
        assert time_range_text(datetime.time(17, 30), datetime.time(20)) == "17:30 a 20:00"
    assert time_range_text(datetime.time(9), datetime.time(12)) == "9 am to 12 pm"


@pytest.mark.django_db
@pytest.mark.parametrize("path", SPANISH_PAGES)
def test_the_spanish_program_pages_read_easily(client, path):
    import textstat

    fill_in_program()
    fill_in_spanish()
    notices_in_both_languages()
    words = re.sub(r"<[^>]+>", " ", main(client.get(path)))
    textstat.set_lang("es")
    try:
        score = textstat.fernandez_huerta(words)
    finally:
        textstat.set_lang("en_US")
    assert score >= 80, f"{path}: Fernández Huerta {score:.0f}"
