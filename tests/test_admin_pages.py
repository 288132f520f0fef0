import pytest

from content.models import Page

from .staff_helpers import in_columns


def page_form(**overrides):
    data = {
        "title": "Getting started",
        "slug": "getting-started",
        "summary": "How to get started.",
        "body": "<p>Call us.</p>",
        "is_published": "on",
        "nav_title": "Start",
        "in_menu": "on",
    }
    data.update(overrides)
    return in_columns(data)


@pytest.mark.django_db
def test_staff_can_add_a_page_and_visitors_see_it_at_once(staff_client, client):
    response = staff_client.post("/admin/content/page/add/", page_form())
    assert response.status_code == 302
    html = client.get("/getting-started/").content.decode()
    assert "<h1>Getting started</h1>" in html
    assert 'href="/getting-started/"' in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("slug", "what-is-iop", "Another page already uses this web address (slug)."),
        ("slug", "not a slug!", "Enter a valid"),
        ("body", "<script>alert(1)</script>", "empty once unsafe parts are removed"),
    ],
)
def test_admin_refuses_bad_page_input_with_a_message(staff_client, field, value, message):
    before = Page.objects.count()
    response = staff_client.post("/admin/content/page/add/", page_form(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Page.objects.count() == before
