"""The menu: one row on a desktop, folded behind "Menu" on a phone, with or without JavaScript."""

import pytest

from .conftest import DESKTOP, PHONES

MENU_LINKS = ".site-nav ul a"


def link_tops(page):
    return page.eval_on_selector_all(
        MENU_LINKS, "links => links.map(link => Math.round(link.getBoundingClientRect().top))"
    )


def test_the_menu_is_one_row_on_a_desktop(visitor_factory):
    visitor = visitor_factory(viewport=DESKTOP)
    visitor.open("/")
    tops = link_tops(visitor.page)
    assert len(tops) == 5
    assert len(set(tops)) == 1
    assert not visitor.page.is_visible(".nav-menu > summary")


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_menu_opens_and_reaches_every_item(visitor_factory, javascript):
    visitor = visitor_factory(viewport=PHONES["320x640"], javascript=javascript)
    visitor.open("/")
    page = visitor.page
    links = page.locator(MENU_LINKS)
    assert links.count() == 5
    assert not any(links.nth(i).is_visible() for i in range(5))
    # Folded, the menu is one row: the heading starts in the top half of the screen.
    heading_top = page.eval_on_selector("main h1", "h => h.getBoundingClientRect().top")
    assert heading_top < 320
    page.click(".nav-menu > summary")
    for i in range(5):
        assert links.nth(i).is_visible()
    with page.expect_navigation():
        links.last.click()
    assert page.url.endswith("/self-check/")
