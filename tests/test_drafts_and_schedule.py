import datetime

import pytest
from django.utils import timezone
from reversion.models import Version

from content.models import Page
from core import pagecache

from .staff_helpers import edit_page, hidden_value, in_columns, page_form_data, save_draft


def at(minutes):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def local_form_value(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


@pytest.mark.django_db
def test_a_draft_of_a_live_page_leaves_visitors_the_published_text(staff_client, client):
    page = Page.objects.get(slug="what-is-iop")
    published_body = page.body
    response = staff_client.post(
        f"/admin/content/page/{page.pk}/change/",
        {
            **page_form_data(staff_client, page, body="<p>A new, unfinished text.</p>"),
            "_save_draft": "Save as draft",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "saved as a draft. Visitors still see the published version" in html
    assert "changed successfully" not in html
    assert Page.objects.get(pk=page.pk).body == published_body
    assert "A new, unfinished text." not in client.get("/what-is-iop/").content.decode()
    # The form carries on from the draft, and the saved-version preview shows it.
    assert "A new, unfinished text." in html
    preview = staff_client.get(f"/admin/content/page/{page.pk}/preview/").content.decode()
    assert "A new, unfinished text." in preview
    assert "saved draft of the page" in preview


@pytest.mark.django_db
def test_publishing_the_draft_shows_it_and_clears_it(staff_client, client):
    page = Page.objects.get(slug="what-is-iop")
    save_draft(staff_client, page, title="Draft title")
    page.refresh_from_db()
    form = staff_client.get(f"/admin/content/page/{page.pk}/change/").content.decode()
    assert 'value="Draft title"' in form
    data = page_form_data(staff_client, page, title="Draft title")
    assert staff_client.post(f"/admin/content/page/{page.pk}/change/", data).status_code == 302
    assert "<h1>Draft title</h1>" in client.get("/what-is-iop/").content.decode()
    assert Page.objects.get(pk=page.pk).draft is None


@pytest.mark.django_db
def test_discarding_a_draft_keeps_the_published_page(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    save_draft(staff_client, page, title="Never mind")
    staff_client.post(f"/admin/content/page/{page.pk}/change/", {"_discard_draft": "1"})
    page.refresh_from_db()
    assert page.draft is None and page.title != "Never mind"


@pytest.mark.django_db
def test_publish_and_take_down_times_take_effect_without_any_job(client, monkeypatch):
    page = Page.objects.get(slug="what-is-iop")
    Page.objects.filter(pk=page.pk).update(publish_from=at(10), unpublish_at=at(70))
    assert client.get("/what-is-iop/").status_code == 404
    assert "what-is-iop" not in client.get("/").content.decode()
    later = at(11)
    monkeypatch.setattr(timezone, "now", lambda: later)
    pagecache.clear()
    assert client.get("/what-is-iop/").status_code == 200
    assert Page.objects.published().filter(pk=page.pk).exists()
    much_later = at(71)
    monkeypatch.setattr(timezone, "now", lambda: much_later)
    pagecache.clear()
    assert client.get("/what-is-iop/").status_code == 404
    assert not Page.objects.published().filter(pk=page.pk).exists()


@pytest.mark.django_db
def test_a_cached_page_is_not_served_past_its_take_down_time(client, monkeypatch):
    Page.objects.filter(slug="what-is-iop").update(unpublish_at=at(30))
    first = client.get("/what-is-iop/")
    assert first.status_code == 200
    # Shared caches in front may keep it no longer than the page has left, either.
    assert (
        "s-maxage=0" in first["Cache-Control"]
        or "s-maxage=1" in first["Cache-Control"]
        or (int(first["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 30)
    )
    later = at(31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    # No save and no clearing: the stored copy ends by the clock.
    assert client.get("/what-is-iop/").status_code == 404


@pytest.mark.django_db
def test_a_cached_list_shows_a_page_once_its_publish_time_comes(client, monkeypatch):
    Page.objects.filter(slug="what-is-iop").update(publish_from=at(20))
    assert 'href="/what-is-iop/"' not in client.get("/").content.decode()
    later = at(21)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert 'href="/what-is-iop/"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_take_down_time_before_the_publish_time_is_refused(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    data = page_form_data(staff_client, page)
    data.update(
        {
            "publish_from_0": local_form_value(at(60))[:10],
            "publish_from_1": local_form_value(at(60))[11:],
            "unpublish_at_0": local_form_value(at(30))[:10],
            "unpublish_at_1": local_form_value(at(30))[11:],
            "publish_from": local_form_value(at(60)),
            "unpublish_at": local_form_value(at(30)),
        }
    )
    response = staff_client.post(f"/admin/content/page/{page.pk}/change/", data)
    assert response.status_code == 200
    assert "The take-down time is before the publish time" in response.content.decode()


@pytest.mark.django_db
def test_restoring_an_old_version_as_a_draft_leaves_the_live_page(staff_client, client):
    page = Page.objects.get(slug="what-is-iop")
    edit_page(staff_client, page, title="Second title")
    old = Version.objects.get_for_object(page).last()
    url = f"/admin/content/page/{page.pk}/history/{old.pk}/"
    form = staff_client.get(url)
    assert form.status_code == 200
    assert "Save as draft" in form.content.decode()
    data = in_columns(
        {name: old.field_dict[name] for name in ("title", "slug", "summary", "body", "nav_title")}
    )
    data.update(in_menu="on", is_published="on", image_alt_en="", _save_draft="1")
    data["edit_token"] = hidden_value(form, "edit_token")
    response = staff_client.post(url, data)
    assert response.status_code == 302
    live = Page.objects.get(pk=page.pk)
    assert live.title == "Second title"
    assert live.draft["fields"]["title_en"] == old.field_dict["title_en"]
    assert "<h1>Second title</h1>" in client.get("/what-is-iop/").content.decode()


@pytest.mark.django_db
def test_a_recovered_page_comes_back_as_a_draft(staff_client, client):
    page = Page.objects.get(slug="benefits-of-iop")
    staff_client.post(f"/admin/content/page/{page.pk}/delete/", {"post": "yes"})
    deleted = Version.objects.get_deleted(Page).get()
    data = in_columns(
        {name: deleted.field_dict[name] for name in ("title", "slug", "summary", "body")}
    )
    data.update(nav_title_en=deleted.field_dict["nav_title"], in_menu="on", is_published="on")
    data["image_alt_en"] = ""
    response = staff_client.post(f"/admin/content/page/recover/{deleted.pk}/", data, follow=True)
    assert "is back as a draft" in response.content.decode()
    assert not Page.objects.get(slug="benefits-of-iop").is_published
    assert client.get("/benefits-of-iop/").status_code == 404
