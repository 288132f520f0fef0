"""The plainer-wording migrations change starting texts only, never what staff wrote."""

from importlib import import_module

import pytest
from django.apps import apps

from content.models import Page
from screening.models import Question

pytestmark = pytest.mark.django_db

screening_change = import_module("screening.migrations.0004_plainer_wording")
content_change = import_module("content.migrations.0007_plainer_starting_content")


def test_the_screening_migration_rewords_starting_questions_and_keeps_staff_edits():
    old_me, new_me = screening_change.CHANGES["relapse"]["text_me"]
    Question.objects.filter(key="relapse").update(text_me=old_me)
    Question.objects.filter(key="detox").update(help_me="Our own words about detox.")
    screening_change.plainer(apps, None)
    assert Question.objects.get(key="relapse").text_me == new_me
    assert Question.objects.get(key="detox").help_me == "Our own words about detox."
    screening_change.as_before(apps, None)
    assert Question.objects.get(key="relapse").text_me == old_me


def test_the_content_migration_rewords_starting_sentences_and_keeps_staff_edits():
    old, new = content_change.CHANGES["what-is-iop"]["body"][2]
    page = Page.objects.get(slug="what-is-iop")
    page.body = f"{old} More words.</p>"
    page.save()
    Page.objects.filter(slug="who-is-iop-for").update(summary="Staff wrote this summary.")
    content_change.plainer(apps, None)
    assert Page.objects.get(slug="what-is-iop").body == f"{new} More words.</p>"
    assert Page.objects.get(slug="who-is-iop-for").summary == "Staff wrote this summary."
