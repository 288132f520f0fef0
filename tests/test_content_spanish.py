"""The pages, articles and home page in Spanish: starting text, fallback, staff edits, drafts."""

import importlib
import re

import pytest
from django.apps import apps
from django.test import Client

from content.models import Page, SiteSettings
from content.readability import TARGET_EASE, reading_report

from .spanish_helpers import english_words
from .staff_helpers import page_form_data, save_draft, settings_form

pytestmark = pytest.mark.django_db

STARTING_SLUGS = ["what-is-iop", "who-is-iop-for", "benefits-of-iop"]
MAIN = re.compile(r"<main\b.*?</main>", re.DOTALL)
SPANISH_NOTE = "Esta parte solo está en inglés por ahora."


def main_region(response):
    """The page's <main>: the header, footer and crisis lines are translated by their owners."""
    assert response.status_code == 200
    return MAIN.search(response.content.decode()).group(0)


def article(**fields):
    defaults = {
        "slug": "family-support",
        "title_en": "How families can help",
        "summary_en": "Ways a family can support recovery.",
        "body_en": "<p>You can help in many small ways.</p>",
        "in_menu": False,
        "is_published": True,
    }
    return Page.objects.create(**{**defaults, **fields})


def test_every_starting_page_has_spanish_that_reads_as_easy():
    for slug in STARTING_SLUGS:
        page = Page.objects.get(slug=slug)
        for name in ["title", "nav_title", "summary", "body"]:
            assert getattr(page, f"{name}_es"), (slug, name)
        report = reading_report(page.body_es, "es")
        assert report.grade >= TARGET_EASE, (slug, report)
        assert report.band in ("fácil", "muy fácil")
        # Same shape as the English: the same headings and lists, in the same order.
        assert re.findall(r"<(h2|ul|li)>", page.body_es) == re.findall(
            r"<(h2|ul|li)>", page.body_en
        )
    intro = SiteSettings.current().home_intro_es
    assert reading_report(f"<p>{intro}</p>", "es").grade >= TARGET_EASE
    assert not SiteSettings.current().hours_es  # opening hours are the provider's to give


def test_spanish_home_pages_and_articles_show_no_english_in_the_main_region(client):
    article(title_es="Cómo puede ayudar la familia", summary_es="Formas de dar apoyo.")
    paths = ["/es/", "/es/articles/", *[f"/es/{slug}/" for slug in STARTING_SLUGS]]
    for path in paths:
        main = main_region(client.get(path))
        assert english_words(main) == [], path
        assert SPANISH_NOTE not in main, path
    home = main_region(client.get("/es/"))
    assert "¿Le preocupa cuánto bebe" in home
    assert 'href="/es/what-is-iop/"' in home
    assert "Hacer la autoevaluación de 2 minutos" in home
    listing = main_region(client.get("/es/articles/"))
    assert re.search(r'href="/es/family-support/"\s*>Cómo puede ayudar la familia</a>', listing)


def test_the_english_pages_stay_english(client):
    home = main_region(client.get("/"))
    assert "Take the 2-minute self-check" in home
    assert "Worried about your own drinking" in home
    page = main_region(client.get("/what-is-iop/"))
    assert "<h1>What is intensive outpatient treatment (IOP)?</h1>" in page
    assert 'lang="en"' not in page


def test_an_untranslated_page_on_es_shows_the_english_marked_as_english_with_a_spanish_note(
    client,
):
    article()
    main = main_region(client.get("/es/family-support/"))
    assert '<h1 lang="en">How families can help</h1>' in main
    assert '<div class="body" lang="en"><p>You can help in many small ways.</p></div>' in main
    assert SPANISH_NOTE in main
    assert english_words(main) == []
    listing = main_region(client.get("/es/articles/"))
    assert re.search(r'href="/es/family-support/"\s*lang="en">How families can help</a>', listing)
    assert SPANISH_NOTE in listing
    assert english_words(listing) == []


def test_an_untranslated_home_introduction_shows_in_english_with_the_note(client):
    SiteSettings.objects.filter(pk=1).update(home_intro_es="")
    main = main_region(client.get("/es/"))
    assert '<p class="lead" lang="en">Worried about your own drinking' in main
    assert SPANISH_NOTE in main
    assert english_words(main) == []


def test_the_page_form_has_both_languages_side_by_side_with_plain_labels(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    html = staff_client.get(f"/admin/content/page/{page.pk}/change/").content.decode()
    for label in ["Title", "Summary", "Page text", "Menu title", "Picture description"]:
        assert f"{label} (English)" in html
        assert f"{label} (Spanish)" in html
    assert 'name="body_es"' in html and 'name="body_en"' in html
    assert "the Spanish page then shows the English" in html
    assert 'data-reading-language="es"' in html and 'data-reading-language="en"' in html
    assert f'formaction="/admin/content/page/{page.pk}/preview/?language=es"' in html
    assert f'href="/admin/content/page/{page.pk}/preview/?language=es"' in html
    site = staff_client.get("/admin/content/sitesettings/1/change/").content.decode()
    assert "Home page introduction (Spanish)" in site


def test_staff_change_a_spanish_text_and_es_shows_it_on_the_next_request(staff_client):
    visitor = Client()
    page = Page.objects.get(slug="what-is-iop")
    assert "¿Qué es el programa" in visitor.get("/es/what-is-iop/").content.decode()
    data = page_form_data(
        staff_client, page, title_es="Un título nuevo", body_es="<p>Un texto nuevo.</p>"
    )
    assert staff_client.post(f"/admin/content/page/{page.pk}/change/", data).status_code == 302
    spanish = main_region(visitor.get("/es/what-is-iop/"))
    assert "<h1>Un título nuevo</h1>" in spanish and "Un texto nuevo." in spanish
    english = main_region(visitor.get("/what-is-iop/"))
    assert "<h1>What is intensive outpatient treatment (IOP)?</h1>" in english
    assert "Un texto nuevo." not in english

    site = SiteSettings.current()
    visitor.get("/es/")
    response = staff_client.post(
        "/admin/content/sitesettings/1/change/",
        settings_form(site, home_intro_es="Una bienvenida nueva."),
    )
    assert response.status_code == 302
    assert "Una bienvenida nueva." in main_region(visitor.get("/es/"))
    assert "Worried about your own drinking" in main_region(visitor.get("/"))


DRAFT = "<p>Un borrador en español. Tiene frases cortas y simples.</p>"


def test_a_spanish_draft_is_kept_previewed_in_spanish_and_published(staff_client):
    visitor = Client()
    page = Page.objects.get(slug="who-is-iop-for")
    live_spanish = page.body_es
    save_draft(staff_client, page, body_es=DRAFT)
    page.refresh_from_db()
    assert page.body_es == live_spanish
    assert page.draft["fields"]["body_es"] == DRAFT
    assert "Un borrador" not in visitor.get("/es/who-is-iop-for/").content.decode()
    # The form carries on from the draft in both languages.
    form = staff_client.get(f"/admin/content/page/{page.pk}/change/").content.decode()
    assert "Un borrador en español." in form
    preview = staff_client.get(f"/admin/content/page/{page.pk}/preview/?language=es")
    html = preview.content.decode()
    assert "Un borrador en español." in html
    assert "Hacer la autoevaluación" in html  # the page as on /es/
    assert "(Fernández Huerta)" in html

    data = page_form_data(staff_client, page, body_es=DRAFT)
    assert staff_client.post(f"/admin/content/page/{page.pk}/change/", data).status_code == 302
    page.refresh_from_db()
    assert page.draft is None
    assert "Un borrador en español." in visitor.get("/es/who-is-iop-for/").content.decode()


def test_a_draft_saved_before_spanish_came_is_read_as_english(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    Page.objects.filter(pk=page.pk).update(
        draft={
            "fields": {"title": "An old draft"},
            "saved_at": "2026-01-01T10:00:00+00:00",
            "saved_by": "x",
        }
    )
    page.refresh_from_db()
    draft = page.with_draft()
    assert draft.title_en == "An old draft"
    assert draft.title_es == page.title_es


def test_a_preview_of_unsaved_spanish_shows_it_as_on_es(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    data = page_form_data(staff_client, page, title_es="Título sin guardar")
    response = staff_client.post(f"/admin/content/page/{page.pk}/preview/?language=es", data)
    html = response.content.decode()
    assert "<h1>Título sin guardar</h1>" in html
    assert "No se guardó nada." in html
    assert Page.objects.get(pk=page.pk).title_es != "Título sin guardar"
    english = staff_client.post(f"/admin/content/page/{page.pk}/preview/", data).content.decode()
    assert "<h1>What is intensive outpatient treatment (IOP)?</h1>" in english


def test_history_compares_and_restores_the_spanish_column(staff_client):
    from reversion.models import Version

    page = Page.objects.get(slug="benefits-of-iop")
    first_spanish = page.title_es
    data = page_form_data(staff_client, page, title_es="Otro título")
    assert staff_client.post(f"/admin/content/page/{page.pk}/change/", data).status_code == 302
    newer, older = Version.objects.get_for_object(page)[:2]
    compare = staff_client.get(
        f"/admin/content/page/{page.pk}/history/compare/?a={older.pk}&b={newer.pk}"
    ).content.decode()
    assert "Title (Spanish)" in compare
    assert "Title (English)" not in compare  # only what changed
    history = staff_client.get(f"/admin/content/page/{page.pk}/history/").content.decode()
    assert "Title (Spanish)" in history

    url = f"/admin/content/page/{page.pk}/history/{older.pk}/"
    form = staff_client.get(url)
    assert first_spanish in form.content.decode()
    restore = page_form_data(staff_client, page, title_es=first_spanish)
    restore["edit_token"] = re.search(
        r'name="edit_token" value="([^"]*)"', form.content.decode()
    ).group(1)
    assert staff_client.post(url, restore).status_code == 302
    assert Page.objects.get(pk=page.pk).title_es == first_spanish
    preview = staff_client.get(
        f"/admin/content/page/{page.pk}/history/{newer.pk}/preview/?language=es"
    ).content.decode()
    assert "<h1>Otro título</h1>" in preview


def test_the_live_reading_level_grades_spanish_with_fernandez_huerta(staff_client):
    url = "/admin/content/page/reading-level/"
    easy = "<p>El IOP es un programa. Usted vive en su casa. Puede seguir con su trabajo.</p>"
    report = staff_client.post(url, {"text": easy, "language": "es"}).json()
    assert report["summary"].startswith("Reading ease ")
    assert "(Fernández Huerta)" in report["summary"]
    assert "“fácil”" in report["summary"] or "“muy fácil”" in report["summary"]
    assert "Good" in report["summary"]
    assert report["hard"] == []

    hard = (
        "<p>Usted vive en su casa. La rehabilitación multidisciplinaria necesariamente requiere "
        "considerable coordinación organizacional interdisciplinaria.</p>"
    )
    report = staff_client.post(url, {"text": hard, "language": "es"}).json()
    assert len(report["hard"]) == 1
    assert report["hard"][0].startswith("Ease ")
    assert "multidisciplinaria" in report["hard"][0]
    # Without a language the text is graded as English, as before.
    english = staff_client.post(url, {"text": easy}).json()
    assert english["summary"].startswith("Reading grade ")


def test_the_spanish_starting_content_goes_back_cleanly():
    migration = importlib.import_module("content.migrations.0009_spanish_starting_content")
    page = Page.objects.get(slug="who-is-iop-for")
    Page.objects.filter(pk=page.pk).update(nav_title_es="Staff wording")
    migration.remove_spanish(apps, None)
    page.refresh_from_db()
    assert page.title_es == "" and page.body_es == ""
    assert page.nav_title_es == "Staff wording"  # Spanish staff typed is theirs to keep
    assert SiteSettings.current().home_intro_es == ""
    migration.add_spanish(apps, None)
    page.refresh_from_db()
    assert page.title_es == "¿Para quién es bueno el IOP?"
    assert page.nav_title_es == "Staff wording"
