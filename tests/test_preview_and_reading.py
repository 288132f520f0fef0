import pytest
from django.test import Client

from content.models import Page
from content.readability import reading_report

from .staff_helpers import page_form_data

HARD_SENTENCE = (
    "Notwithstanding these considerations, individuals experiencing substantial physiological "
    "dependency should consult appropriately credentialed medical professionals."
)


@pytest.fixture
def draft(db):
    return Page.objects.create(
        title="Family support",
        slug="family-support",
        nav_title="Family",
        summary="How families can help.",
        body="<p>You can help.</p>",
        is_published=False,
    )


@pytest.mark.django_db
def test_staff_see_a_saved_draft_in_the_real_template_and_visitors_get_404(staff_client, draft):
    response = staff_client.get(f"/admin/content/page/{draft.pk}/preview/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Family support</h1>" in html
    assert '<article class="wrap article">' in html
    assert "Preview only: visitors cannot see this" in html
    assert "It is a draft" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"

    client = Client()  # a visitor, not logged in
    assert client.get("/family-support/").status_code == 404
    visitor = client.get(f"/admin/content/page/{draft.pk}/preview/")
    assert visitor.status_code == 302
    assert visitor["Location"].startswith("/admin/login/")
    assert client.post("/admin/content/page/preview/", {"title": "x"}).status_code == 302


@pytest.mark.django_db
def test_preview_shows_unsaved_changes_and_saves_nothing(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    data = page_form_data(
        staff_client,
        page,
        title="A new title not yet saved",
        body=f"<p>{HARD_SENTENCE}</p><script>alert(1)</script>",
    )
    response = staff_client.post(f"/admin/content/page/{page.pk}/preview/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>A new title not yet saved</h1>" in html
    assert "Nothing has been saved" in html
    assert "alert(1)" not in html  # previewed through the same cleaning as a save
    assert "Reading grade" in html
    assert HARD_SENTENCE in html
    assert Page.objects.get(pk=page.pk).title == page.title
    assert "A new title not yet saved" not in Client().get("/what-is-iop/").content.decode()


@pytest.mark.django_db
def test_preview_of_a_new_page_lists_what_would_stop_the_save(staff_client):
    data = {
        "title_en": "Brand new",
        "slug": "what-is-iop",
        "summary_en": "New.",
        "body_en": "<p>Hello there.</p>",
        "nav_title_en": "New",
        "in_menu": "on",
        "image_alt_en": "",
    }
    count = Page.objects.count()
    response = staff_client.post("/admin/content/page/preview/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Brand new</h1>" in html
    assert "Another page already uses this web address (slug)." in html
    assert Page.objects.count() == count


@pytest.mark.django_db
def test_the_page_form_has_a_preview_button_that_posts_the_form(staff_client, draft):
    html = staff_client.get(f"/admin/content/page/{draft.pk}/change/").content.decode()
    assert f'formaction="/admin/content/page/{draft.pk}/preview/"' in html
    assert 'formtarget="_blank"' in html
    add_html = staff_client.get("/admin/content/page/add/").content.decode()
    assert 'formaction="/admin/content/page/preview/"' in add_html


def test_plain_text_reads_below_grade_eight():
    report = reading_report("<h2>What is IOP?</h2><p>IOP is a program. You live at home.</p>")
    assert report.grade is not None
    assert report.grade <= 8
    assert not report.too_hard
    assert report.hard_sentences == []


def test_hard_text_names_the_sentences_that_pull_the_grade_up():
    body = f"<p>You can call us. {HARD_SENTENCE} We are here to help.</p>"
    report = reading_report(body)
    assert report.too_hard
    assert [sentence for sentence, _ in report.hard_sentences] == [HARD_SENTENCE]


@pytest.mark.django_db
def test_reading_level_shows_on_the_form_and_never_blocks_a_save(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    html = staff_client.get(f"/admin/content/page/{page.pk}/change/").content.decode()
    assert "Reading grade" in html

    data = page_form_data(staff_client, page, body=f"<p>{HARD_SENTENCE}</p>")
    response = staff_client.post(f"/admin/content/page/{page.pk}/change/", data, follow=True)
    assert response.status_code == 200
    assert Page.objects.get(pk=page.pk).body == f"<p>{HARD_SENTENCE}</p>"
    assert "reads at grade" in response.content.decode()
    html = staff_client.get(f"/admin/content/page/{page.pk}/change/").content.decode()
    assert "hardest to read" in html
    assert HARD_SENTENCE in html


@pytest.mark.django_db
def test_page_list_is_in_menu_order_with_status_and_last_edit(staff_client, draft):
    html = staff_client.get("/admin/content/page/").content.decode()
    titles = ["What is intensive", "Who is a good fit", "What are the benefits", "Family support"]
    draft.nav_order = 99
    draft.save()
    html = staff_client.get("/admin/content/page/").content.decode()
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Draft" in html and "Published" in html
    assert "Last edited" in html
    searched = staff_client.get("/admin/content/page/?q=Family").content.decode()
    assert "Family support" in searched and "Who is a good fit" not in searched


@pytest.mark.django_db
def test_staff_are_told_what_unsafe_parts_were_removed_and_the_rest_is_saved(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    body = '<p onclick="steal()">Call us today.</p><script>steal()</script>'
    preview = staff_client.post(
        f"/admin/content/page/{page.pk}/preview/", page_form_data(staff_client, page, body=body)
    )
    assert "will be removed when you save: code that could run in a visitor" in (
        preview.content.decode()
    )
    response = staff_client.post(
        f"/admin/content/page/{page.pk}/change/",
        page_form_data(staff_client, page, body=body),
        follow=True,
    )
    html = response.content.decode()
    assert "they were removed when saving: code that could run in a visitor" in html
    assert Page.objects.get(pk=page.pk).body == "<p>Call us today.</p>"


@pytest.mark.django_db
def test_view_on_site_for_a_draft_opens_the_preview(staff_client, draft):
    html = staff_client.get(f"/admin/content/page/{draft.pk}/change/").content.decode()
    assert f'href="/admin/content/page/{draft.pk}/preview/" class="viewsitelink"' in html


@pytest.mark.django_db
def test_the_live_reading_level_grades_typed_text_without_flagging_short_pieces(staff_client):
    url = "/admin/content/page/reading-level/"
    text = (
        "<h2>Counseling</h2><ul><li>Psychotherapeutic interventions</li></ul>"
        "<p>Comprehensive multidisciplinary rehabilitation necessitates considerable "
        "organizational coordination between interdisciplinary practitioners.</p>"
    )
    report = staff_client.post(url, {"text": text}).json()
    assert report["summary"].startswith("Reading grade ")
    assert len(report["hard"]) == 1
    assert "Comprehensive multidisciplinary" in report["hard"][0]
    assert staff_client.post(url, {"text": "Counseling"}).json() == {
        "summary": "Not enough text yet to grade.",
        "hard": [],
    }
    assert staff_client.get(url).status_code == 405
    assert Client().post(url, {"text": text}).status_code == 302
