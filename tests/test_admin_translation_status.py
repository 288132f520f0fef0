"""Staff see what has no Spanish yet, edit both languages side by side, and history names them."""

import re
from pathlib import Path

import pytest
import reversion
from django.contrib import admin
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from modeltranslation.admin import TranslationAdmin
from reversion.models import Version

from content.models import Page
from core.history import HistoryAdmin
from core.languages import missing_in, translated_fields
from core.translation_status import missing_filter, missing_summary
from program.models import ProgramFacts
from screening.models import Question

from .translation_admin import side_by_side_site


def fill_spanish(obj):
    """Give every English text of `obj` a Spanish one, straight in the database."""
    values = {}
    for name in translated_fields(type(obj)):
        if getattr(obj, f"{name}_en"):
            values[f"{name}_es"] = f"Texto en español ({name})"
    type(obj).objects.filter(pk=obj.pk).update(**values)
    obj.refresh_from_db()
    return obj


def clear_spanish(obj, *names):
    type(obj).objects.filter(pk=obj.pk).update(**{f"{name}_es": "" for name in names})
    obj.refresh_from_db()
    return obj


def result_rows(html):
    body = html[html.index('<table id="result_list"') :]
    return body[body.index("<tbody>") : body.index("</tbody>")]


def spanish_cell(html, text):
    """The Spanish column's cell in the list row that shows `text`."""
    for row in re.findall(r"<tr.*?</tr>", result_rows(html), re.DOTALL):
        if text in row:
            return re.search(r'<td class="field-translation_status">(.*?)</td>', row).group(1)
    raise AssertionError(f"no row with {text!r}")


def missing_count_on_home(html, name):
    match = re.search(rf'<a href="([^"]+)">{re.escape(name)}</a>: (\d+)', html)
    return (match.group(1), int(match.group(2))) if match else (None, 0)


def missing_total_on_home(html):
    section = html[html.index('id="translation-missing"') :]
    match = re.search(r"(\d+) items? still show", section[: section.index("</div>")])
    return int(match.group(1)) if match else 0


@pytest.mark.django_db
def test_page_list_says_which_texts_have_no_spanish_yet(staff_client):
    missing = clear_spanish(fill_spanish(Page.objects.get(slug="what-is-iop")), "title", "body")
    complete = fill_spanish(Page.objects.exclude(pk=missing.pk).first())
    html = staff_client.get("/admin/content/page/").content.decode()
    assert '<th scope="col" class="column-translation_status">' in html
    assert spanish_cell(html, missing.title) == "Not translated yet: title, body"
    assert "✓" in spanish_cell(html, complete.title)
    assert "All in Spanish" in spanish_cell(html, complete.title)


@pytest.mark.django_db
def test_page_list_filters_spanish_missing_or_complete(staff_client):
    missing = clear_spanish(fill_spanish(Page.objects.get(slug="what-is-iop")), "summary")
    complete = fill_spanish(Page.objects.exclude(pk=missing.pk).first())
    html = staff_client.get("/admin/content/page/").content.decode()
    assert "By Spanish" in html and "?spanish=missing" in html and "?spanish=complete" in html
    with_counts = staff_client.get("/admin/content/page/?_facets=True").content.decode()
    assert re.search(r'href="\?_facets=True&amp;spanish=missing">Missing \(\d+\)', with_counts)
    only_missing = result_rows(
        staff_client.get("/admin/content/page/?spanish=missing").content.decode()
    )
    assert missing.title in only_missing and complete.title not in only_missing
    only_complete = result_rows(
        staff_client.get("/admin/content/page/?spanish=complete").content.decode()
    )
    assert complete.title in only_complete and missing.title not in only_complete


@pytest.mark.django_db
def test_question_list_marks_and_filters_missing_spanish(staff_client):
    questions = list(Question.objects.all()[:2])
    assert len(questions) == 2, "the starting questions are in the database"
    missing = clear_spanish(fill_spanish(questions[0]), "text_loved_one")
    complete = fill_spanish(questions[1])
    html = staff_client.get("/admin/screening/question/").content.decode()
    assert spanish_cell(html, str(missing)) == "Not translated yet: question (for a loved one)"
    assert "✓" in spanish_cell(html, str(complete))
    only_missing = result_rows(
        staff_client.get("/admin/screening/question/?spanish=missing").content.decode()
    )
    assert str(missing) in only_missing and str(complete) not in only_missing


@pytest.mark.django_db
def test_program_facts_admin_gets_the_column_and_filter_without_changing(editor):
    # Its list opens the one record, so the marker is also shown on the record's form.
    model_admin = admin.site.get_model_admin(ProgramFacts)
    request = RequestFactory().get("/admin/program/programfacts/")
    request.user = editor
    assert "translation_status" in model_admin.get_list_display(request)
    assert any(
        getattr(item, "parameter_name", None) == "spanish"
        for item in model_admin.get_list_filter(request)
    )
    facts = ProgramFacts.objects.create(who_for="Adults 18 and over.", who_for_es="")
    assert model_admin.translation_status(facts) == "Not translated yet: who it is for"
    assert list(ProgramFacts.objects.filter(missing_filter(ProgramFacts))) == [facts]
    ProgramFacts.objects.filter(pk=facts.pk).update(who_for_es="Personas adultas.")
    assert not ProgramFacts.objects.filter(missing_filter(ProgramFacts)).exists()


@pytest.mark.django_db
def test_program_facts_form_says_what_has_no_spanish(staff_client):
    facts = ProgramFacts.objects.create(who_for="Adults 18 and over.", relapse="We talk it over.")
    ProgramFacts.objects.filter(pk=facts.pk).update(relapse_es="Lo hablamos.")
    html = staff_client.get(f"/admin/program/programfacts/{facts.pk}/change/").content.decode()
    assert "Not translated into Spanish yet: who it is for." in html
    assert "if someone slips back" not in html.split("Not translated into Spanish yet:")[1][:80]


@pytest.mark.django_db
def test_the_database_filter_agrees_with_missing_in(db):
    page = fill_spanish(Page.objects.get(slug="what-is-iop"))
    cases = {
        "": True,  # empty Spanish, English text
        "   ": True,  # only spaces is no translation
        "Qué es IOP": False,
    }
    for spanish, expect_missing in cases.items():
        Page.objects.filter(pk=page.pk).update(title_es=spanish)
        page.refresh_from_db()
        assert bool(missing_in(page, "es")) is expect_missing
        assert Page.objects.filter(missing_filter(Page), pk=page.pk).exists() is expect_missing
    # A Spanish text without an English one is nothing to translate.
    Page.objects.filter(pk=page.pk).update(image_alt_en="", image_alt_es=None, title_es="Hola")
    page.refresh_from_db()
    assert not missing_in(page, "es")
    assert not Page.objects.filter(missing_filter(Page), pk=page.pk).exists()


@pytest.mark.django_db
def test_admin_home_counts_what_is_missing_in_spanish_and_drops_when_filled(staff_client):
    for page in Page.objects.all():
        fill_spanish(page)
    page = clear_spanish(Page.objects.get(slug="what-is-iop"), "title")
    second = clear_spanish(Page.objects.exclude(pk=page.pk).first(), "summary")
    html = staff_client.get("/admin/").content.decode()
    assert "Not translated into Spanish yet" in html
    url, count = missing_count_on_home(html, "Pages")
    assert (url, count) == ("/admin/content/page/?spanish=missing", 2)
    total = missing_total_on_home(html)
    assert total >= 2

    fill_spanish(second)
    html = staff_client.get("/admin/").content.decode()
    assert missing_count_on_home(html, "Pages") == (url, 1)
    assert missing_total_on_home(html) == total - 1

    fill_spanish(page)
    html = staff_client.get("/admin/").content.decode()
    assert missing_count_on_home(html, "Pages") == (None, 0)


@pytest.mark.django_db
def test_admin_home_links_open_the_filtered_lists(staff_client):
    page = clear_spanish(fill_spanish(Page.objects.get(slug="what-is-iop")), "title")
    complete = fill_spanish(Page.objects.exclude(pk=page.pk).first())
    question = clear_spanish(Question.objects.first(), "text_me")
    html = staff_client.get("/admin/").content.decode()
    page_url, _ = missing_count_on_home(html, "Pages")
    question_url, _ = missing_count_on_home(html, "Self-check questions")
    assert question_url == "/admin/screening/question/?spanish=missing"
    rows = result_rows(staff_client.get(page_url).content.decode())
    assert page.title in rows and complete.title not in rows
    rows = result_rows(staff_client.get(question_url).content.decode())
    assert str(question) in rows


@pytest.mark.django_db
def test_admin_home_counts_only_what_the_person_may_see(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_page"))
    clear_spanish(Page.objects.get(slug="what-is-iop"), "title")
    clear_spanish(Question.objects.first(), "text_me")
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert missing_count_on_home(html, "Pages")[1] >= 1
    assert missing_count_on_home(html, "Self-check questions") == (None, 0)
    nobody = django_user_model.objects.create_user("nobody", password="x", is_staff=True)
    client.force_login(nobody)
    assert 'id="translation-missing"' not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_admin_home_says_so_when_everything_has_its_spanish(staff_client):
    from django.apps import apps

    for model in apps.get_models():
        for obj in model.objects.all() if translated_fields(model) else []:
            fill_spanish(obj)
    html = staff_client.get("/admin/").content.decode()
    assert "Every text has its Spanish version." in html
    assert missing_total_on_home(html) == 0


@pytest.mark.django_db
def test_admin_home_count_costs_one_query_per_translated_model(editor):
    request = RequestFactory().get("/admin/")
    request.user = editor
    app_list = admin.site.get_app_list(request)
    translated = [
        entry["model"]
        for app in app_list
        for entry in app["models"]
        if translated_fields(entry["model"])
    ]
    with CaptureQueriesContext(connection) as queries:
        missing_summary(app_list)
    assert len(translated) >= 5
    assert len(queries) == len(translated)


@pytest.mark.django_db
def test_compare_view_and_history_name_the_language_of_each_change(staff_client):
    page = fill_spanish(Page.objects.get(slug="what-is-iop"))
    for spanish in ["Qué es un IOP", "Qué es el programa intensivo ambulatorio (IOP)"]:
        Page.objects.filter(pk=page.pk).update(title_es=spanish)
        page.refresh_from_db()
        with reversion.create_revision():
            reversion.add_to_revision(page)
    newer, older = Version.objects.get_for_object(page)[:2]
    html = staff_client.get(
        f"/admin/content/page/{page.pk}/history/compare/?a={older.pk}&b={newer.pk}"
    ).content.decode()
    assert "<h2>Title (Spanish)</h2>" in html
    assert "<h2>Title (English)</h2>" not in html
    assert "<h2>Title</h2>" not in html
    history = staff_client.get(f"/admin/content/page/{page.pk}/history/").content.decode()
    rows = history[history.index("<tbody>") : history.index("</tbody>")]
    assert "Title (Spanish)" in rows


@pytest.mark.django_db
def test_page_form_offers_the_spanish_address_next_to_view_on_site(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    html = staff_client.get(f"/admin/content/page/{page.pk}/change/").content.decode()
    assert 'class="viewsitelink">View on site</a>' in html
    assert (
        f'<a href="/es/{page.slug}/" class="viewsitelink" hreflang="es">View on site in Spanish</a>'
        in html
    )


def side_by_side_form(editor):
    facts = ProgramFacts.objects.create(who_for="Adults.", insurance="Most plans.")
    request = RequestFactory().get(f"/side-by-side/program/programfacts/{facts.pk}/change/")
    request.user = editor
    request.csp_nonce = "set-by-the-csp-middleware"  # for the editor's import map
    response = side_by_side_site.get_model_admin(ProgramFacts).change_view(request, str(facts.pk))
    return response.render().content.decode()


@pytest.mark.django_db
def test_translation_admin_form_labels_each_language_and_marks_it_for_the_css(editor):
    html = side_by_side_form(editor)
    assert "Who it is for (English):" in html
    assert "Who it is for (Spanish):" in html
    assert "[es]" not in html and "[en]" not in html
    spanish = re.search(r"<textarea[^>]*name=\"who_for_es\"[^>]*>", html).group(0)
    english = re.search(r"<textarea[^>]*name=\"who_for_en\"[^>]*>", html).group(0)
    assert 'lang="es"' in spanish and "translation-es" in spanish
    assert 'lang="en"' in english and "translation-en" in english
    # The two languages of a field are neighbouring rows of one fieldset, English first.
    rows = re.findall(r'<div class="form-row[^"]*field-(\w+)"', html)
    assert rows == [
        "hours_per_week",
        "who_for_en",
        "who_for_es",
        "insurance_en",
        "insurance_es",
        "first_week_en",
        "first_week_es",
        "edit_token",
    ]
    # A box the app form declares itself is labelled and marked the same way.
    assert "The first week (Spanish):" in html
    editor = re.search(r"<textarea[^>]*name=\"first_week_es\"[^>]*>", html).group(0)
    assert 'lang="es"' in editor and "translation-es" in editor
    assert "/static/admin/css/translations.css" in html


def test_side_by_side_css_is_our_own_file_keyed_on_the_language_classes():
    css = Path(finders.find("admin/css/translations.css")).read_text()
    assert "@media (min-width:" in css
    assert ".form-row:has(.translation-en)" in css
    assert ".form-row:has(.translation-es)" in css
    assert "grid-template-columns" in css
    assert "http" not in css and "@import" not in css


@pytest.mark.django_db
def test_translation_admin_form_keeps_the_guard_against_overwriting_a_save(editor):
    assert 'name="edit_token"' in side_by_side_form(editor)
    assert side_by_side_site.get_model_admin(ProgramFacts).check() == []


def test_a_translation_admin_before_history_admin_fails_the_checks():
    # That order drops the edit token from the form, so two people could overwrite each other.
    class WrongOrderAdmin(TranslationAdmin, HistoryAdmin):
        fieldsets = [(None, {"fields": ["who_for"]})]

    errors = WrongOrderAdmin(ProgramFacts, admin.AdminSite(name="wrong_order")).check()
    assert [error.id for error in errors] == ["iop.E001"]
    assert "WrongOrderAdmin(HistoryAdmin, TranslationAdmin)" in errors[0].hint
