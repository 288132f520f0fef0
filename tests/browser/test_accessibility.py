import pytest

from .conftest import DESKTOP, PHONES
from .helpers import EXPECTED_STATUS, PUBLIC_PAGES, axe_violations


@pytest.mark.parametrize("viewport", [DESKTOP, PHONES["320x640"]], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_pages_have_no_wcag_a_or_aa_violations(visitor_factory, name, viewport):
    visitor = visitor_factory(viewport=viewport)
    status = PUBLIC_PAGES[name](visitor)
    assert status == EXPECTED_STATUS.get(name, 200)
    assert axe_violations(visitor.page) == []


def test_admin_login_page_has_no_wcag_a_or_aa_violations(visitor):
    assert visitor.open("/admin/login/").status == 200
    assert axe_violations(visitor.page) == []
