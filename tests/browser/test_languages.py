"""The language switch in a real browser: a plain link, reached by keyboard, no script needed."""

import pytest

from .conftest import PHONES


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize(
    "path, twin, name, lang",
    [
        ("/what-is-iop/", "/es/what-is-iop/", "Español", "es"),
        ("/es/what-is-iop/", "/what-is-iop/", "English", "en"),
    ],
)
def test_the_language_link_opens_the_twin_page(visitor_factory, javascript, path, twin, name, lang):
    visitor = visitor_factory(viewport=PHONES["320x640"], javascript=javascript)
    page = visitor.page
    assert visitor.open(path).status == 200
    link = page.locator("header a.language-switch")
    assert link.inner_text() == name
    assert link.get_attribute("lang") == link.get_attribute("hreflang") == lang
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(twin)
    assert page.get_attribute("html", "lang") == lang
    assert page.context.cookies() == []
