"""A text's English and Spanish boxes: side by side on a wide screen, stacked on a phone."""

import pytest
from playwright.sync_api import expect

from program.models import ProgramFacts

from .conftest import DESKTOP, PHONES
from .test_page_editor import PASSWORD

# A modeltranslation admin of its own (tests/translation_admin.py), as the app admins will be.
pytestmark = pytest.mark.urls("tests.translation_admin")


def open_facts_form(visitor_factory, django_user_model, viewport):
    django_user_model.objects.create_superuser("translator", "t@example.com", PASSWORD)
    facts = ProgramFacts.objects.create(who_for="Adults.", insurance="Most plans.")
    visitor = visitor_factory(viewport=viewport)
    visitor.open("/admin/login/")
    visitor.page.fill("#id_username", "translator")
    visitor.page.fill("#id_password", PASSWORD)
    with visitor.page.expect_navigation():
        visitor.page.click("[type=submit]")
    visitor.open(f"/side-by-side/program/programfacts/{facts.pk}/change/")
    return visitor


def box(page, selector):
    return page.locator(selector).bounding_box()


def test_english_and_spanish_sit_side_by_side_on_a_wide_screen(visitor_factory, django_user_model):
    visitor = open_facts_form(visitor_factory, django_user_model, {"width": 1440, "height": 900})
    page = visitor.page
    english, spanish = box(page, "#id_who_for_en"), box(page, "#id_who_for_es")
    assert abs(english["y"] - spanish["y"]) < 2
    assert spanish["x"] >= english["x"] + english["width"]
    # Each pair on its own line: the next field's English starts under this one.
    next_english = box(page, "#id_insurance_en")
    assert abs(next_english["x"] - english["x"]) < 2 and next_english["y"] > english["y"]
    assert (
        page.locator("label[for=id_who_for_es]").inner_text().startswith("Who it is for (Spanish)")
    )
    # A field with one language only still spans the whole form.
    hours = page.locator(".form-row.field-hours_per_week").bounding_box()
    row = page.locator(".form-row.field-who_for_es").bounding_box()
    assert hours["x"] + hours["width"] >= row["x"] + row["width"] - 2
    # The rich-text editor's own box: in its column, and in the language of its text.
    editor_en = page.locator(".field-first_week_en .prose-editor [contenteditable=true]")
    editor_es = page.locator(".field-first_week_es .prose-editor [contenteditable=true]")
    expect(editor_es).to_have_attribute("lang", "es")
    expect(editor_en).to_have_attribute("lang", "en")
    left, right = editor_en.bounding_box(), editor_es.bounding_box()
    assert abs(left["y"] - right["y"]) < 2
    assert left["x"] + left["width"] <= right["x"]
    assert right["x"] + right["width"] <= row["x"] + row["width"] + 1
    assert visitor.errors == []


def test_english_and_spanish_stack_on_a_phone_and_a_narrow_window(
    visitor_factory, django_user_model
):
    for viewport in [PHONES["375x812"], {"width": 900, "height": 800}]:
        visitor = open_facts_form(visitor_factory, django_user_model, viewport)
        english, spanish = box(visitor.page, "#id_who_for_en"), box(visitor.page, "#id_who_for_es")
        assert spanish["y"] >= english["y"] + english["height"]
        django_user_model.objects.all().delete()
        ProgramFacts.objects.all().delete()


def test_the_desktop_size_used_elsewhere_also_gets_two_columns(visitor_factory, django_user_model):
    visitor = open_facts_form(visitor_factory, django_user_model, DESKTOP)
    english, spanish = box(visitor.page, "#id_who_for_en"), box(visitor.page, "#id_who_for_es")
    assert abs(english["y"] - spanish["y"]) < 2
    assert english["width"] > 200
