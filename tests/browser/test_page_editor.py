"""Staff write a formatted page in the admin's editor, without typing any HTML."""

import re

import pytest
from playwright.sync_api import expect

from content.models import Page

PASSWORD = "a-long-enough-passphrase"
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def editor(visitor, django_user_model):
    django_user_model.objects.create_superuser("writer", "writer@example.com", PASSWORD)
    visitor.context.add_init_script(CSP_WATCH)
    visitor.open("/admin/login/")
    visitor.page.fill("#id_username", "writer")
    visitor.page.fill("#id_password", PASSWORD)
    with visitor.page.expect_navigation():
        visitor.page.click("[type=submit]")
    return visitor


# What Word puts on the clipboard, trimmed: styles, Office tags, and lists typed as paragraphs.
WORD_LIST_ITEM = (
    '<p class="MsoListParagraph" style="mso-list:l0 level1 lfo1">'
    '<span style="mso-list:Ignore">·</span>{}</p>'
)
WORD_PASTE = "".join(
    [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office">',
        "<head><style>p.MsoNormal {margin:0}</style></head><body>",
        '<h1 style="mso-style-name:Title"><span style="font-family:Calibri">',
        "Your first week</span></h1>",
        '<p class="MsoNormal"><span style="font-size:12pt">',
        "Most people feel nervous at first.<o:p></o:p></span></p>",
        '<p class="MsoNormal"><span style="color:#333">That is normal.<o:p></o:p></span></p>',
        WORD_LIST_ITEM.format("Group talks"),
        WORD_LIST_ITEM.format("Time with a counselor"),
        "<table><tr><td>Cell in a table</td></tr></table>",
        "</body></html>",
    ]
)


def body_editor(page):
    # The English page text comes first; the Spanish one is beside it.
    return page.locator(".prose-editor [contenteditable=true]").first


def paste_html(page, html):
    page.evaluate(
        """(html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "");
            const target = document.querySelector(".prose-editor [contenteditable=true]");
            const options = {clipboardData: data, bubbles: true, cancelable: true};
            target.dispatchEvent(new ClipboardEvent("paste", options));
        }""",
        html,
    )


def test_staff_format_a_page_with_the_toolbar_and_paste_from_word(editor):
    page = editor.page
    editor.open("/admin/content/page/add/")
    page.fill("#id_title_en", "Your first day")
    page.fill("#id_summary_en", "What to bring and what happens on your first day.")
    page.fill("#id_nav_title_en", "First day")
    text = body_editor(page)
    text.click()

    page.click(".prose-menubar__selected")
    page.click("[data-name=heading2]")
    page.keyboard.type("What to bring")
    page.keyboard.press("Enter")
    page.keyboard.type("Please bring ")
    page.click("[data-name=bold]")
    page.keyboard.type("your ID")
    page.click("[data-name=bold]")
    page.keyboard.type(".")
    page.keyboard.press("Enter")
    page.click("[data-name=bulletList]")
    page.keyboard.type("Your insurance card")
    page.keyboard.press("Enter")
    page.keyboard.type("A list of your medicines")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    paste_html(page, WORD_PASTE)
    expect(page.locator("#id_body_en")).to_have_value(re.compile("Cell in a table"))
    text.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Call us")
    page.keyboard.press("Shift+Home")
    page.click("[data-name=link]")
    page.fill(".prose-editor-dialog [name=href]", "tel:+18447448783")
    page.click(".prose-editor-dialog [type=submit]")
    expect(page.locator("#id_body_en")).to_have_value(re.compile("<a href="))

    assert page.evaluate("window.__cspViolations") == []
    with page.expect_navigation():
        page.click("[name=_save]")
    assert page.locator(".messagelist .success").count() == 1
    assert page.evaluate("window.__cspViolations") == []
    assert editor.errors == []
    # Nothing about markup the editor or the site made itself.
    assert page.locator(".messagelist .warning").count() == 0

    saved = Page.objects.get(slug="your-first-day")
    saved.is_published = True
    saved.save()
    editor.open("/your-first-day/")
    article = page.locator("main")
    assert article.locator("h2", has_text="What to bring").count() == 1
    assert article.locator("strong", has_text="your ID").count() == 1
    assert article.locator("ul li").all_inner_texts()[:2] == [
        "Your insurance card",
        "A list of your medicines",
    ]
    link = article.locator("a", has_text="Call us")
    assert link.get_attribute("href") == "tel:+18447448783"
    # The pasted document keeps its heading, its two paragraphs and its list, and nothing else.
    assert article.locator("h2", has_text="Your first week").count() == 1
    assert article.locator("p", has_text="Most people feel nervous at first.").count() == 1
    assert article.locator("p", has_text="That is normal.").count() == 1
    assert article.locator("ul li").all_inner_texts()[2:] == [
        "Group talks",
        "Time with a counselor",
    ]
    assert article.locator("p", has_text="Cell in a table").count() == 1
    assert "Mso" not in saved.body
    assert "style" not in saved.body
    assert "o:p" not in saved.body
    assert page.evaluate("window.__cspViolations") == []


def sign_in(page):
    page.fill("#id_username", "writer")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("[type=submit]")


def test_leaving_a_form_with_unsaved_typing_asks_first(editor):
    page = editor.page
    target = Page.objects.get(slug="what-is-iop")
    editor.open(f"/admin/content/page/{target.pk}/change/")
    page.fill("#id_title_en", "A title I am still writing")
    # Answer "Stay on this page" to the browser's question.
    page.once("dialog", lambda dialog: dialog.dismiss())
    with page.expect_event("dialog") as asked:
        page.click("#site-name a", no_wait_after=True)
    assert asked.value.type == "beforeunload"
    assert page.input_value("#id_title_en") == "A title I am still writing"
    assert page.url.endswith(f"/admin/content/page/{target.pk}/change/")


def test_a_save_after_the_sign_in_lapsed_keeps_the_typing(editor):
    page = editor.page
    target = Page.objects.get(slug="what-is-iop")
    change_url = f"/admin/content/page/{target.pk}/change/"
    editor.open(change_url)
    page.fill("#id_summary_en", "A summary typed while the sign-in ran out.")
    body_editor(page).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Typed into the text too.")
    editor.context.clear_cookies(name="sessionid")
    with page.expect_navigation():
        page.click("[name=_save]")
    assert "/login/" in page.url
    sign_in(page)
    assert page.url.endswith(change_url)
    assert "What you typed has been put back below" in page.inner_text("#content-main")
    assert page.input_value("#id_summary_en") == "A summary typed while the sign-in ran out."
    assert "Typed into the text too." in body_editor(page).inner_text()
    with page.expect_navigation():
        page.click("[name=_save]")
    saved = Page.objects.get(pk=target.pk)
    assert saved.summary == "A summary typed while the sign-in ran out."
    assert "Typed into the text too." in saved.body
    # Once saved, the kept copy is gone: opening the form again shows no notice.
    editor.open(change_url)
    assert "What you typed has been put back" not in page.inner_text("#content-main")


def test_the_summary_counts_characters_and_a_long_paste_is_not_cut(editor):
    page = editor.page
    editor.open("/admin/content/page/add/")
    counter = page.locator("#id_summary_en_count")
    assert counter.inner_text() == "0 of 160 characters"
    long_text = "Treatment that fits around work, school and family life. " * 4
    page.locator("#id_summary_en").focus()
    page.keyboard.insert_text(long_text)
    assert page.input_value("#id_summary_en") == long_text
    assert counter.inner_text() == f"{len(long_text) - 160} characters too many (the limit is 160)"


def test_the_reading_grade_updates_while_typing_the_summary(editor):
    page = editor.page
    editor.open("/admin/content/page/add/")
    page.fill(
        "#id_summary_en",
        "Comprehensive multidisciplinary rehabilitation necessitates considerable coordination.",
    )
    note = page.locator("#id_summary_en_reading")
    note.locator("text=Reading grade").wait_for()
    assert "Above grade 8" in note.inner_text()
    page.fill("#id_summary_en", "We help you stop drinking. You can live at home.")
    page.locator("#id_summary_en_reading", has_text="Good: grade 8").wait_for()
    assert editor.errors == []


def test_the_spanish_summary_is_graded_with_fernandez_huerta_while_typing(editor):
    page = editor.page
    editor.open("/admin/content/page/add/")
    page.fill("#id_summary_es", "Le ayudamos a dejar de beber. Usted vive en su casa.")
    note = page.locator("#id_summary_es_reading")
    note.locator("text=Reading ease").wait_for()
    assert "(Fernández Huerta)" in note.inner_text()
    assert "Good: “fácil” or easier" in note.inner_text()
    assert editor.errors == []
