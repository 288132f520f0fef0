import re

import pytest
from django.test import Client
from reversion.models import Version

from content.models import Page

from .staff_helpers import page_form_data, save_draft


def save(client, page, **changes):
    response = client.post(
        f"/admin/content/page/{page.pk}/change/", page_form_data(client, page, **changes)
    )
    assert response.status_code == 302
    return Page.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_each_version_says_who_when_to_the_second_and_which_fields_changed(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    page = save(staff_client, page, summary="A shorter summary.")
    save(staff_client, page, title="What IOP means")
    html = staff_client.get(f"/admin/content/page/{page.pk}/history/").content.decode()
    assert re.search(r"\d{1,2}:\d{2}:\d{2} [AP]\.?M", html)
    rows = html[html.index("<tbody>") : html.index("</tbody>")]
    assert rows.count("editor") >= 2
    assert "Title" in rows and "Summary" in rows
    assert "The first version on record." in rows


@pytest.mark.django_db
def test_two_versions_compare_side_by_side_with_the_changes_marked(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    save(staff_client, page, body="<p>We meet three days a week.</p>")
    page = Page.objects.get(pk=page.pk)
    save(staff_client, page, body="<p>We meet four days a week.</p><p>Call us.</p>")
    newer, older = Version.objects.get_for_object(page)[:2]
    response = staff_client.get(
        f"/admin/content/page/{page.pk}/history/compare/?a={older.pk}&b={newer.pk}"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Body (English)</h2>" in html
    assert 'class="diff_chg">th' in html and 'class="diff_chg">fou' in html
    assert 'class="diff_add">Call&nbsp;us.' in html
    assert "<h2>Title (English)</h2>" not in html


@pytest.mark.django_db
def test_comparing_without_two_versions_goes_back_with_a_message(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    response = staff_client.get(f"/admin/content/page/{page.pk}/history/compare/?a=1", follow=True)
    assert "Choose two versions of this item to compare." in response.content.decode()


@pytest.mark.django_db
def test_an_old_version_can_be_previewed_before_restoring(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    page = save(staff_client, page, title="The first new title")
    save(staff_client, page, title="The second new title")
    older = Version.objects.get_for_object(page)[1]
    response = staff_client.get(f"/admin/content/page/{page.pk}/history/{older.pk}/preview/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>The first new title</h1>" in html
    assert "This is an older version, saved on" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert Page.objects.get(pk=page.pk).title == "The second new title"
    visitor = Client()
    preview_url = f"/admin/content/page/{page.pk}/history/{older.pk}/preview/"
    assert visitor.get(preview_url).status_code == 302
    assert "The first new title" not in visitor.get("/what-is-iop/").content.decode()


@pytest.mark.django_db
def test_the_draft_notice_says_who_and_when(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    save_draft(staff_client, page, title="Draft")
    html = staff_client.get(f"/admin/content/page/{page.pk}/change/").content.decode()
    assert re.search(r"saved as a draft by editor on \w+ \d+, \d{4} at \d+:\d{2}:\d{2}", html)
