from html import unescape

import pytest
from django.db.models.signals import post_save
from reversion.models import Version

from content.models import Page, SiteSettings

from .staff_helpers import edit_page, hidden_value, in_columns, page_form_data, settings_form


def page(slug="what-is-iop"):
    return Page.objects.get(slug=slug)


def versions_of(obj):
    return Version.objects.get_for_object(obj).select_related("revision__user")


@pytest.mark.django_db
def test_every_admin_save_keeps_a_version_with_who_and_when(staff_client):
    original_title = page().title
    data = page_form_data(staff_client, page(), title="What IOP means")
    assert staff_client.post(f"/admin/content/page/{page().pk}/change/", data).status_code == 302

    kept = list(versions_of(page()))
    # The starting text is kept too, so the very first edit can be undone.
    assert [v.field_dict["title"] for v in kept] == ["What IOP means", original_title]
    assert kept[0].revision.user.username == "editor"
    history = staff_client.get(f"/admin/content/page/{page().pk}/history/").content.decode()
    assert "editor" in history
    assert f"/admin/content/page/{page().pk}/history/{kept[1].pk}/" in history


@pytest.mark.django_db
def test_staff_restore_an_older_version_in_two_clicks_and_the_save_signal_is_sent(staff_client):
    original = page()
    edit_page(staff_client, original, title="A bad edit")
    older = versions_of(original).last()
    url = f"/admin/content/page/{original.pk}/history/{older.pk}/"

    # Click 1: open the old version; the form shows it, and nothing changes yet.
    shown = staff_client.get(url)
    assert shown.status_code == 200
    assert original.title in shown.content.decode()
    assert page().title == "A bad edit"

    saved = []

    def record(sender, instance, **kwargs):
        saved.append(instance.title)

    post_save.connect(record, sender=Page)
    try:
        # Click 2: save it.
        data = {
            **page_form_data(staff_client, original),
            "edit_token": hidden_value(shown, "edit_token"),
        }
        response = staff_client.post(url, data)
    finally:
        post_save.disconnect(record, sender=Page)
    assert response.status_code == 302
    assert page().title == original.title
    # A response cache listening to post_save hears about the restore.
    assert original.title in saved
    assert versions_of(original).count() == 3


@pytest.mark.django_db
def test_a_deleted_page_can_be_recovered(staff_client, client):
    doomed = page("benefits-of-iop")
    response = staff_client.post(f"/admin/content/page/{doomed.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Page.objects.filter(slug="benefits-of-iop").exists()

    listing = staff_client.get("/admin/content/page/recover/").content.decode()
    deleted = Version.objects.get_deleted(Page).get()
    assert f"/admin/content/page/recover/{deleted.pk}/" in listing

    form = staff_client.get(f"/admin/content/page/recover/{deleted.pk}/")
    assert form.status_code == 200
    assert not Page.objects.filter(slug="benefits-of-iop").exists()
    data = in_columns(
        {name: deleted.field_dict[name] for name in ("title", "slug", "summary", "body")}
    )
    data.update(nav_title_en=deleted.field_dict["nav_title"], in_menu="on", is_published="on")
    data["image_alt_en"] = ""
    response = staff_client.post(f"/admin/content/page/recover/{deleted.pk}/", data)
    assert response.status_code == 302
    # It comes back as a draft; publishing it is one more Save.
    recovered = Page.objects.get(slug="benefits-of-iop")
    assert client.get("/benefits-of-iop/").status_code == 404
    edit_page(staff_client, recovered, is_published="on")
    assert client.get("/benefits-of-iop/").status_code == 200


@pytest.mark.django_db
def test_deleting_from_the_list_keeps_the_pages_recoverable(staff_client):
    ids = list(Page.objects.values_list("pk", flat=True)[:2])
    response = staff_client.post(
        "/admin/content/page/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert Version.objects.get_deleted(Page).count() == 2


@pytest.mark.django_db
def test_restoring_a_version_whose_slug_is_now_taken_explains_and_changes_nothing(staff_client):
    moved = page()
    edit_page(staff_client, moved, slug="about-iop")
    Page.objects.create(
        title="New page", slug="what-is-iop", nav_title="New", summary="s", body="<p>b</p>"
    )
    older = versions_of(moved).last()
    assert older.field_dict["slug"] == "what-is-iop"

    for method in ("get", "post"):
        response = getattr(staff_client, method)(
            f"/admin/content/page/{moved.pk}/history/{older.pk}/", follow=True
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "uses the web address (slug) “what-is-iop”" in html
        assert "but “New page” uses it now" in html
        assert page("about-iop").pk == moved.pk
        assert Version.objects.filter(pk=older.pk).exists()


@pytest.mark.django_db
def test_recovering_a_deleted_page_whose_slug_is_now_taken_explains(staff_client):
    doomed = page("benefits-of-iop")
    staff_client.post(f"/admin/content/page/{doomed.pk}/delete/", {"post": "yes"})
    Page.objects.create(
        title="Newer", slug="benefits-of-iop", nav_title="N", summary="s", body="<p>b</p>"
    )
    deleted = Version.objects.get_deleted(Page).get()
    response = staff_client.get(f"/admin/content/page/recover/{deleted.pk}/", follow=True)
    assert response.status_code == 200
    assert "but “Newer” uses it now" in response.content.decode()


@pytest.mark.django_db
def test_site_settings_edits_are_kept_and_can_be_undone(staff_client):
    site = SiteSettings.current()
    data = settings_form(site, phone="(800) 555-0199")
    response = staff_client.post("/admin/content/sitesettings/1/change/", data)
    assert response.status_code == 302
    kept = list(versions_of(site))
    assert [v.field_dict["phone"] for v in kept] == ["(800) 555-0199", "(844) 744-8783"]

    url = f"/admin/content/sitesettings/1/history/{kept[1].pk}/"
    shown = staff_client.get(url)
    assert "(844) 744-8783" in shown.content.decode()
    response = staff_client.post(url, {**data, "phone": "(844) 744-8783"})
    assert response.status_code == 302
    assert SiteSettings.current().phone == "(844) 744-8783"


@pytest.mark.django_db
def test_a_stale_form_keeps_both_peoples_changes_to_different_fields(
    staff_client, other_editor_client
):
    target = page()
    mine = page_form_data(staff_client, target, summary="My new summary.")
    theirs = page_form_data(other_editor_client, target, title="Their new title")
    assert (
        other_editor_client.post(f"/admin/content/page/{target.pk}/change/", theirs).status_code
        == 302
    )
    response = staff_client.post(f"/admin/content/page/{target.pk}/change/", mine, follow=True)
    assert response.redirect_chain
    assert "theirs are kept along with yours: Title (English) is now “Their new title”" in (
        response.content.decode()
    )
    assert page().title == "Their new title"
    assert page().summary == "My new summary."


@pytest.mark.django_db
def test_only_a_real_conflict_stops_the_save_and_saving_again_never_undoes_theirs(
    staff_client, other_editor_client
):
    target = page()
    mine = page_form_data(staff_client, target, summary="My new summary.")
    theirs = page_form_data(
        other_editor_client, target, title="Their new title", summary="Their summary."
    )
    assert (
        other_editor_client.post(f"/admin/content/page/{target.pk}/change/", theirs).status_code
        == 302
    )
    response = staff_client.post(f"/admin/content/page/{target.pk}/change/", mine)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this after you opened it (second-editor saved it" in html
    assert "You both changed: Summary (English)" in html
    assert "Their version: “Their summary.”" in html
    assert "My new summary." in html  # their own typing is still in the form
    # The field only they changed now shows their value, so Save again keeps it.
    assert hidden_value(response, "title_en") == "Their new title"
    assert page().summary == "Their summary."

    again = {
        **mine,
        "title_en": "Their new title",
        "edit_token": hidden_value(response, "edit_token"),
    }
    assert staff_client.post(f"/admin/content/page/{target.pk}/change/", again).status_code == 302
    assert page().summary == "My new summary."
    assert page().title == "Their new title"


def change_url_and_fields(obj, *names):
    """The admin change page of `obj` and the current values of the form fields `names`."""
    meta = obj._meta
    url = f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/"
    return url, {name: getattr(obj, name) for name in names}


@pytest.mark.django_db
def test_screening_wording_edits_are_kept_and_can_be_undone(staff_client):
    from screening.models import ResultText

    text = ResultText.objects.get(key="talk-it-through")
    url, original = change_url_and_fields(
        text, "heading_me_en", "body_me_en", "heading_loved_one_en", "body_loved_one_en"
    )
    token = hidden_value(staff_client.get(url), "edit_token")
    response = staff_client.post(
        url, {**original, "heading_me_en": "A worse heading", "edit_token": token}
    )
    assert response.status_code == 302
    kept = list(versions_of(text))
    assert [v.field_dict["heading_me_en"] for v in kept] == [
        "A worse heading",
        original["heading_me_en"],
    ]
    assert kept[0].revision.user.username == "editor"

    restore_url = f"/admin/screening/resulttext/{text.pk}/history/{kept[1].pk}/"
    shown = staff_client.get(restore_url)
    assert original["heading_me_en"] in unescape(shown.content.decode())
    response = staff_client.post(
        restore_url, {**original, "edit_token": hidden_value(shown, "edit_token")}
    )
    assert response.status_code == 302
    assert ResultText.objects.get(pk=text.pk).heading_me == original["heading_me_en"]


@pytest.mark.django_db
def test_a_stale_screening_form_does_not_overwrite(staff_client, other_editor_client):
    from screening.models import Question

    question = Question.objects.get(key="relapse")
    url, fields = change_url_and_fields(
        question, "text_me_en", "help_me_en", "text_loved_one_en", "help_loved_one_en"
    )
    my_token = hidden_value(staff_client.get(url), "edit_token")
    their_token = hidden_value(other_editor_client.get(url), "edit_token")
    mine = {**fields, "help_me_en": "My help text.", "edit_token": my_token}
    theirs = {**fields, "help_me_en": "Their help text.", "edit_token": their_token}
    assert other_editor_client.post(url, theirs).status_code == 302
    response = staff_client.post(url, mine)
    assert response.status_code == 200
    assert "Someone else saved this after you opened it" in response.content.decode()
    # Hints are formatted text now: plain typing is saved as one paragraph.
    assert Question.objects.get(pk=question.pk).help_me == "<p>Their help text.</p>"


@pytest.mark.django_db
def test_a_change_made_outside_the_admin_also_stops_a_stale_save(staff_client):
    target = page()
    mine = page_form_data(staff_client, target, summary="Mine.")
    target.summary = "Changed elsewhere."
    target.save()
    response = staff_client.post(f"/admin/content/page/{target.pk}/change/", mine)
    html = response.content.decode()
    assert response.status_code == 200
    # Nobody is named: the only version on record is the starting text, saved by no editor.
    assert "Someone else saved this after you opened it, so your changes were NOT" in html
    assert "Their version: “Changed elsewhere.”" in html
    assert page().summary == "Changed elsewhere."
