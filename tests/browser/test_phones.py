import pytest

from .conftest import PHONES
from .helpers import EXPECTED_STATUS, PUBLIC_PAGES, check_fits_phone


@pytest.mark.parametrize("size", list(PHONES))
@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_pages_fit_a_phone_with_the_phone_link_on_the_first_screen(visitor_factory, name, size):
    visitor = visitor_factory(viewport=PHONES[size])
    assert PUBLIC_PAGES[name](visitor) == EXPECTED_STATUS.get(name, 200)
    assert check_fits_phone(visitor.page) == []


def test_the_phone_checks_notice_a_page_that_does_not_fit(visitor_factory):
    visitor = visitor_factory(viewport=PHONES["320x640"])
    visitor.open("/")
    # Styles set through the DOM, which a strict Content-Security-Policy still allows.
    visitor.page.evaluate(
        """() => {
          Object.assign(document.querySelector('main h1').style, {minWidth: '500px'});
          Object.assign(document.querySelector('.quick-exit').style,
            {padding: '0', minHeight: '0', fontSize: '10px', lineHeight: '1'});
          Object.assign(document.querySelector('.site-header').style, {marginTop: '700px'});
        }"""
    )
    problems = check_fits_phone(visitor.page)
    assert any("scrolls sideways" in problem for problem in problems)
    assert any("phone link is outside" in problem for problem in problems)
    assert any("quick-exit" in problem for problem in problems)
