"""Staff format self-check wording with the page editor, and preview it before saving."""

import re

from playwright.sync_api import expect

from screening.models import ResultText

from .test_page_editor import editor  # noqa: F401 (the signed-in staff fixture)


def test_staff_format_a_result_text_and_preview_it_unsaved(editor):  # noqa: F811
    page = editor.page
    # Eight editors (four texts, two languages), each graded live, on a server that answers
    # one request at a time: more than the usual ten seconds on a busy machine.
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(30_000)
    text = ResultText.objects.get(key="good-fit")
    editor.open(f"/admin/screening/resulttext/{text.pk}/change/")
    # Let the grades arrive before the preview asks for its page.
    expect(page.locator(".reading-live")).to_have_count(8)
    expect(page.locator(".reading-live:empty")).to_have_count(0, timeout=60_000)
    box = page.locator(".prose-editor:has(#id_body_me_en)")
    box.locator("[contenteditable=true]").click()
    box.locator("[contenteditable=true]").press("Control+End")
    page.keyboard.press("Enter")
    box.locator("[data-name=bold]").click()
    page.keyboard.type("Call us today")
    english = page.locator("#id_body_me_en")
    expect(english).to_have_value(re.compile("<strong>Call us today</strong>"))

    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview for me", exact=True).click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator(".preview-banner")).to_contain_text("Preview only")
    expect(preview.locator(".sc-result-text strong")).to_have_text("Call us today")
    preview.close()
    assert ResultText.objects.get(pk=text.pk).body_me == text.body_me

    # The Spanish has its own editor and its own preview, as the page shows on /es/.
    box = page.locator(".prose-editor:has(#id_body_me_es)")
    box.locator("[contenteditable=true]").click()
    box.locator("[contenteditable=true]").press("Control+End")
    page.keyboard.press("Enter")
    box.locator("[data-name=bold]").click()
    page.keyboard.type("Llame hoy")
    expect(page.locator("#id_body_me_es")).to_have_value(re.compile("<strong>Llame hoy</strong>"))
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview in Spanish for me").click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator(".sc-result-text strong")).to_have_text("Llame hoy")
    expect(preview.locator(".preview-banner")).to_contain_text("on the Spanish site")
    preview.close()

    with page.expect_navigation():
        page.click("[name=_save]")
    assert page.locator(".messagelist .success").count() == 1
    assert page.locator(".messagelist .warning").count() == 0
    assert page.evaluate("window.__cspViolations") == []
    assert editor.errors == []
    saved = ResultText.objects.get(pk=text.pk).body_me
    assert saved.startswith(text.body_me.split("</p>")[0])
    assert "<strong>Call us today</strong>" in saved
    assert "<strong>Llame hoy</strong>" in ResultText.objects.get(pk=text.pk).body_me_es
