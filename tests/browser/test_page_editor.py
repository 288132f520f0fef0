"""Staff write a formatted page in the admin's editor, without typing any HTML."""

import pytest

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
    return page.locator(".prose-editor [contenteditable=true]")


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
    page.fill("#id_title", "Your first day")
    page.fill("#id_summary", "What to bring and what happens on your first day.")
    page.fill("#id_nav_title", "First day")
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
    page.wait_for_function("document.querySelector('#id_body').value.includes('Cell in a table')")
    text.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Call us")
    page.keyboard.press("Shift+Home")
    page.click("[data-name=link]")
    page.fill(".prose-editor-dialog [name=href]", "tel:+18447448783")
    page.click(".prose-editor-dialog [type=submit]")
    page.wait_for_function("document.querySelector('#id_body').value.includes('<a href=')")

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
