import datetime
import re

import pytest
from django.test import Client

from content.models import Page, SiteSettings

from .staff_helpers import page_form_data, picture_bytes, upload

PASSWORD = "a-long-enough-passphrase"


@pytest.mark.django_db
def test_the_admin_home_reminds_staff_to_check_the_phone_number(staff_client):
    site = SiteSettings.current()
    site.phone_verified_on = datetime.date.today() - datetime.timedelta(days=91)
    site.save()
    html = " ".join(staff_client.get("/admin/").content.decode().split())
    assert f"The phone number {site.phone} was last checked on" in html
    site.phone_verified_on = datetime.date.today()
    site.save()
    assert "was last checked on" not in staff_client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_lockout_page_says_how_to_be_unlocked_and_has_no_empty_sidebar(django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", PASSWORD)
    client = Client()
    for _ in range(5):
        response = client.post(
            "/admin/login/?next=/admin/", {"username": "editor", "password": "wrong-guess"}
        )
    html = " ".join(response.content.decode().split())
    assert response.status_code == 429
    assert "“Access attempts”" in html
    assert "A new password alone does not lift the pause" in html
    assert "set a new one for you" not in html
    assert "permission to view or edit anything" not in html
    assert 'id="nav-sidebar"' not in html


@pytest.mark.django_db
def test_preview_errors_name_the_field(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    response = staff_client.post(
        f"/admin/content/page/{page.pk}/preview/", page_form_data(staff_client, page, title="")
    )
    html = response.content.decode()
    assert "<strong>Title (English):</strong> This field is required." in html


@pytest.mark.django_db
def test_the_admin_shows_a_thumbnail_of_the_page_picture(staff_client, media_root):
    page = Page.objects.get(slug="what-is-iop")
    data = page_form_data(
        staff_client,
        page,
        image=upload("room.jpg", picture_bytes("JPEG", (1600, 900))),
        image_alt="A calm room with two chairs.",
    )
    assert staff_client.post(f"/admin/content/page/{page.pk}/change/", data).status_code == 302
    page.refresh_from_db()
    thumb = page.image_sources()[0][0]
    listing = staff_client.get("/admin/content/page/").content.decode()
    assert f'<img src="{thumb}" width="80" height="45" alt="A calm room with two chairs."' in (
        listing
    )
    form = staff_client.get(f"/admin/content/page/{page.pk}/change/").content.decode()
    assert f'<img src="{thumb}" width="240" height="135"' in form


@pytest.mark.django_db
def test_preview_shows_a_newly_chosen_picture_to_staff_only(staff_client, media_root):
    page = Page.objects.get(slug="what-is-iop")
    data = page_form_data(staff_client, page, image_alt="A bright group room.")
    data["image"] = upload("group.jpg", picture_bytes("JPEG", (1200, 600)))
    response = staff_client.post(f"/admin/content/page/{page.pk}/preview/", data)
    html = " ".join(response.content.decode().split())
    match = re.search(r'<img src="(/admin/content/page/preview/picture/[0-9a-f]{32}\.jpg)"', html)
    assert match
    assert 'width="1200" height="600" alt="A bright group room."' in html
    picture = staff_client.get(match.group(1))
    assert picture.status_code == 200
    assert picture["Content-Type"] == "image/jpeg"
    assert Client().get(match.group(1)).status_code == 302
    page.refresh_from_db()
    assert not page.image  # nothing was saved
