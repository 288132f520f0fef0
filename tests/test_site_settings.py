import datetime

import pytest
from django.core.exceptions import ValidationError

from content.models import SiteSettings
from content.phone import normalize_phone, tel_href

from .staff_helpers import settings_form


@pytest.mark.parametrize(
    "raw",
    ["(844) 744-8783", "844-744-8783", "844.744.8783", "+1 844 744 8783", "1-844-744-8783"],
)
def test_phone_numbers_in_common_forms_are_accepted_and_tidied(raw):
    assert normalize_phone(raw) == "(844) 744-8783"
    assert tel_href(normalize_phone(raw)) == "tel:+18447448783"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "call us",
        "844-744-878",
        "844-744-87833",
        "(044) 744-8783",
        "844 CALL NOW",
        "+44 20 7946 0958",
    ],
)
def test_things_that_are_not_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalize_phone(raw)


@pytest.mark.django_db
def test_there_is_one_settings_record_from_the_start():
    assert SiteSettings.objects.count() == 1
    site = SiteSettings.current()
    assert site.provider_name == "True Recovery"
    assert site.phone_href == "tel:+18447448783"
    SiteSettings(provider_name="Another").save()
    assert SiteSettings.objects.count() == 1


@pytest.mark.django_db
def test_admin_refuses_a_bad_phone_with_a_clear_message_and_keeps_the_old_one(staff_client):
    site = SiteSettings.current()
    data = settings_form(site, phone="not a number")
    response = staff_client.post("/admin/content/sitesettings/1/change/", data)
    assert response.status_code == 200
    assert "Enter a 10-digit US phone number" in response.content.decode()
    assert SiteSettings.current().phone == "(844) 744-8783"

    data["phone"] = "800.555.0199"
    response = staff_client.post("/admin/content/sitesettings/1/change/", data)
    assert response.status_code == 302
    assert SiteSettings.current().phone == "(800) 555-0199"


@pytest.mark.django_db
def test_admin_warns_when_the_phone_was_not_checked_for_90_days(staff_client):
    site = SiteSettings.current()
    site.phone_verified_on = datetime.date.today() - datetime.timedelta(days=91)
    site.save()
    html = staff_client.get("/admin/content/sitesettings/1/change/").content.decode()
    assert "more than 90 days ago" in html
    html = staff_client.get("/admin/content/page/").content.decode()
    assert "more than 90 days ago" in html

    site.phone_verified_on = datetime.date.today() - datetime.timedelta(days=10)
    site.save()
    html = staff_client.get("/admin/content/sitesettings/1/change/").content.decode()
    assert "more than 90 days ago" not in html


@pytest.mark.django_db
def test_settings_record_cannot_be_deleted_or_duplicated_in_admin(staff_client):
    assert staff_client.get("/admin/content/sitesettings/add/").status_code == 403
    assert staff_client.get("/admin/content/sitesettings/1/delete/").status_code == 403
