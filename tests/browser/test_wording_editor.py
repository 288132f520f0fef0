"""Staff format self-check wording with the page editor, and preview it before saving."""

import re

from playwright.sync_api import expect

from screening.models import ResultText

from .test_page_editor import editor  # noqa: F401 (the signed-in staff fixture)


def test_staff_format_a_result_text_and_preview_it_unsaved(editor):  # noqa: F811
    page = editor.page
    text = ResultText.objects.get(key="good-fit")
    editor.open(f"/admin/screening/resulttext/{text.pk}/change/")
    box = page.locator(".prose-editor:has(#id_body_me)")
    box.locator("[contenteditable=true]").click()
    box.locator("[contenteditable=true]").press("Control+End")
    page.keyboard.press("Enter")
    box.locator("[data-name=bold]").click()
    page.keyboard.type("Call us today")
    expect(page.locator("#id_body_me")).to_have_value(re.compile("<strong>Call us today</strong>"))

    with page.context.expect_page() as opened:
        page.click("[name=_preview_for][value=me]")
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator(".preview-banner")).to_contain_text("Preview only")
    expect(preview.locator(".sc-result-text strong")).to_have_text("Call us today")
    preview.close()
    assert ResultText.objects.get(pk=text.pk).body_me == text.body_me

    with page.expect_navigation():
        page.click("[name=_save]")
    assert page.locator(".messagelist .success").count() == 1
    assert page.locator(".messagelist .warning").count() == 0
    assert page.evaluate("window.__cspViolations") == []
    assert editor.errors == []
    saved = ResultText.objects.get(pk=text.pk).body_me
    assert saved.startswith(text.body_me.split("</p>")[0])
    assert "<strong>Call us today</strong>" in saved
