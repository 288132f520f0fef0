import pytest

from content.models import Page

from .staff_helpers import edit_page, page_form_data, picture_bytes, upload


@pytest.mark.django_db
def test_a_form_error_says_plainly_that_the_chosen_picture_must_be_chosen_again(
    staff_client, media_root
):
    page = Page.objects.get(slug="what-is-iop")
    data = page_form_data(staff_client, page, title="", image_alt="A calm room.")
    data["image"] = upload("room.jpg", picture_bytes())
    response = staff_client.post(f"/admin/content/page/{page.pk}/change/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The picture you chose (room.jpg) was not kept" in html
    assert "Please choose it again before you save." in html


@pytest.mark.django_db
def test_length_limits_are_counted_not_cut_off_by_the_browser(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    form = staff_client.get(f"/admin/content/page/{page.pk}/change/").content.decode()
    assert 'data-max-length="160"' in form
    assert "maxlength" not in form


@pytest.mark.django_db
def test_a_summary_over_the_limit_is_refused_whole_with_the_count(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    long_summary = "Plain words about treatment that fits around everyday life. " * 3
    response = edit_page(staff_client, page, summary=long_summary)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"at most 160 characters (it has {len(long_summary.strip())})" in html
    assert long_summary.strip() in html
    assert Page.objects.get(pk=page.pk).summary == page.summary
