import pytest

from content.models import Page

from .staff_helpers import page_form_data


def article(slug, title, **fields):
    defaults = {
        "summary": f"About {title.lower()}.",
        "body": "<p>Text.</p>",
        "in_menu": False,
        "is_published": True,
    }
    return Page.objects.create(slug=slug, title=title, **{**defaults, **fields})


def menu_titles(client):
    html = client.get("/").content.decode()
    nav = html[html.index('aria-label="Main"') : html.index("</nav>")]
    return [page.nav_title for page in Page.objects.all() if f">{page.nav_title}</a>" in nav]


@pytest.mark.django_db
def test_a_page_outside_the_menu_needs_no_menu_title_and_is_listed_as_an_article(
    staff_client, client
):
    response = staff_client.post(
        "/admin/content/page/add/",
        {
            "title_en": "Sleep in early recovery",
            "slug": "sleep-in-early-recovery",
            "summary_en": "Why sleep is hard at first, and what helps.",
            "body_en": "<p>Many people sleep badly at first.</p>",
            "nav_title_en": "",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    home = client.get("/").content.decode()
    nav = home[home.index('aria-label="Main"') : home.index("</nav>")]
    assert "sleep-in-early-recovery" not in nav
    assert 'href="/articles/"' in home
    index = client.get("/articles/").content.decode()
    assert 'href="/sleep-in-early-recovery/"' in index
    assert "Why sleep is hard at first, and what helps." in index
    assert client.get("/sleep-in-early-recovery/").status_code == 200


@pytest.mark.django_db
def test_a_page_in_the_menu_still_needs_a_menu_title(staff_client):
    page = Page.objects.get(slug="what-is-iop")
    response = staff_client.post(
        f"/admin/content/page/{page.pk}/change/", page_form_data(staff_client, page, nav_title="")
    )
    assert response.status_code == 200
    assert "Pages in the menu need a short menu title" in response.content.decode()


@pytest.mark.django_db
def test_the_articles_index_lists_newest_first_and_leaves_out_drafts(client):
    article("older", "Older article")
    article("newer", "Newer article")
    article("draft-article", "Draft article", is_published=False)
    html = client.get("/articles/").content.decode()
    assert html.index('href="/newer/"') < html.index('href="/older/"')
    assert "draft-article" not in html


@pytest.mark.django_db
def test_the_home_page_links_to_articles_only_when_there_are_some(client):
    assert 'href="/articles/"' not in client.get("/").content.decode()
    article("one", "One article")
    assert 'href="/articles/"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_staff_reorder_the_menu_with_move_up_and_down_not_numbers(staff_client, client):
    before = menu_titles(client)
    assert len(before) == 3
    last = Page.objects.get(nav_title=before[-1])
    response = staff_client.post(
        "/admin/content/page/",
        {"action": "move_up", "_selected_action": [last.pk], "index": 0},
        follow=True,
    )
    assert response.status_code == 200
    assert menu_titles(client) == [before[0], before[2], before[1]]
    first = Page.objects.get(nav_title=before[0])
    staff_client.post(
        "/admin/content/page/", {"action": "move_down", "_selected_action": [first.pk]}
    )
    assert menu_titles(client) == [before[2], before[0], before[1]]
    form = staff_client.get(f"/admin/content/page/{first.pk}/change/").content.decode()
    assert 'name="nav_order"' not in form


@pytest.mark.django_db
def test_moving_the_top_page_up_leaves_the_menu_as_it_was(staff_client, client):
    before = menu_titles(client)
    top = Page.objects.get(nav_title=before[0])
    staff_client.post("/admin/content/page/", {"action": "move_up", "_selected_action": [top.pk]})
    assert menu_titles(client) == before


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["self-check", "admin", "articles", "static"])
def test_a_web_address_another_part_of_the_site_uses_is_refused(staff_client, slug):
    page = Page.objects.get(slug="what-is-iop")
    response = staff_client.post(
        f"/admin/content/page/{page.pk}/change/", page_form_data(staff_client, page, slug=slug)
    )
    assert response.status_code == 200
    assert Page.objects.get(pk=page.pk).slug == "what-is-iop"
