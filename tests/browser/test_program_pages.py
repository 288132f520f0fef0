"""The program's pages with real facts in them, as a visitor meets them in Chromium."""

import pytest

from tests.program_helpers import fill_in_program

from .conftest import DESKTOP, PHONES
from .helpers import axe_violations, check_fits_phone

FILLED_PAGES = ["/", "/our-program/", "/questions-to-ask/", "/what-is-iop/"]


@pytest.fixture
def program(transactional_db):
    fill_in_program()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONES["320x640"]], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", FILLED_PAGES)
def test_filled_in_program_pages_have_no_wcag_a_or_aa_violations(
    program, visitor_factory, path, viewport
):
    visitor = visitor_factory(viewport=viewport)
    assert visitor.open(path).status == 200
    assert axe_violations(visitor.page) == []


@pytest.mark.parametrize("path", FILLED_PAGES)
def test_filled_in_program_pages_fit_a_phone_without_javascript(program, visitor_factory, path):
    visitor = visitor_factory(viewport=PHONES["320x640"], javascript=False)
    assert visitor.open(path).status == 200
    assert check_fits_phone(visitor.page) == []


def test_the_program_page_shows_its_facts_without_javascript(program, visitor_factory):
    visitor = visitor_factory(viewport=PHONES["320x640"], javascript=False)
    visitor.open("/our-program/")
    text = visitor.page.inner_text("main")
    assert "Evening group: Monday to Wednesday, 6 pm to 9 pm" in text
    assert "1 Example Street" in text
    assert visitor.page.get_by_role("link", name="Check it on the State Health Department website")
    assert visitor.blocked == []
