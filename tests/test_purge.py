"""Purge on save: which addresses a save tells the edge about, and what happens when it is down.

These use a recording purger; tests/test_edge.py runs the real thing against Varnish.
"""

import logging

import pytest
from django.urls import reverse

from content.models import Page, SiteSettings
from core import purge

from .servers import closed_port
from .staff_helpers import page_form_data

sent_purges = []


class RecordingPurger:
    def purge(self, paths):
        sent_purges.append(paths)


class FlakyPurger:
    """Refuses the first `failures` purges, then takes them."""

    failures = 0
    calls = 0

    def purge(self, paths):
        FlakyPurger.calls += 1
        if FlakyPurger.calls <= FlakyPurger.failures:
            raise OSError("edge unreachable")
        sent_purges.append(paths)


@pytest.fixture
def recorded(settings):
    settings.IOP_EDGE_PURGER = "tests.test_purge.RecordingPurger"
    # No follow-up purge a few seconds later, landing in another test's record.
    settings.IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS = 0
    sent_purges.clear()
    return sent_purges


def edit_page(page, django_capture_on_commit_callbacks, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save()


@pytest.mark.django_db
def test_a_body_edit_purges_the_page_and_the_pages_that_list_it(
    recorded, django_capture_on_commit_callbacks
):
    page = Page.objects.get(slug="what-is-iop")
    edit_page(page, django_capture_on_commit_callbacks, body="<p>New words.</p>")
    # Both languages' addresses: the Spanish page shows the English text until it is translated.
    english = {"/what-is-iop/", "/", "/articles/"}
    assert recorded == [frozenset(english | {f"/es{path}" for path in english} | {"/sitemap.xml"})]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [{"nav_title": "IOP basics"}, {"nav_order": 99}, {"is_published": False}],
    ids=["menu title", "menu order", "unpublished"],
)
def test_a_change_the_menu_shows_purges_every_page(
    recorded, django_capture_on_commit_callbacks, changes
):
    page = Page.objects.get(slug="what-is-iop")
    edit_page(page, django_capture_on_commit_callbacks, **changes)
    assert recorded == [purge.EVERYTHING]


@pytest.mark.django_db
def test_a_draft_moved_to_a_new_address_purges_the_old_and_the_new(
    recorded, django_capture_on_commit_callbacks
):
    page = Page.objects.create(
        title="Draft", slug="draft-page", nav_title="Draft", summary="s", body="<p>b</p>"
    )
    recorded.clear()
    edit_page(page, django_capture_on_commit_callbacks, slug="moved-draft")
    english = {"/draft-page/", "/moved-draft/", "/", "/articles/"}
    assert recorded == [frozenset(english | {f"/es{path}" for path in english} | {"/sitemap.xml"})]


@pytest.mark.django_db
def test_deleting_a_published_page_purges_every_page(recorded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(slug="what-is-iop").delete()
    assert recorded == [purge.EVERYTHING]


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", ["Question", "ResultText", "PathBenefit"])
def test_self_check_wording_and_site_settings_purge_every_page(
    recorded, django_capture_on_commit_callbacks, model_name
):
    from screening import models

    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings.current().save()
        getattr(models, model_name).objects.first().save()
    assert recorded == [purge.EVERYTHING, purge.EVERYTHING]


@pytest.mark.django_db
def test_nothing_is_purged_before_the_save_commits(recorded, django_capture_on_commit_callbacks):
    page = Page.objects.get(slug="what-is-iop")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save()
    assert recorded == []
    assert callbacks


def test_a_ban_pattern_matches_exactly_the_addresses_given():
    import re

    pattern = re.compile(purge.address_pattern(frozenset({"/", "/what-is-iop/"})))
    for address in ["/", "/what-is-iop/", "/what-is-iop/?utm_source=x"]:
        assert pattern.search(address), address
    for address in ["/benefits-of-iop/", "/what-is-iop/extra/", "/static/css/site.css"]:
        assert not pattern.search(address), address
    assert re.search(purge.address_pattern(purge.EVERYTHING), "/anything/at/all")


# Real commits, so the purge runs inside the admin's request as it does in production.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_unreachable_edge_keeps_the_save_and_tells_the_staff_member(
    settings, staff_client, caplog
):
    settings.IOP_EDGE_PURGER = "core.purge.VarnishPurger"
    settings.IOP_EDGE_PURGE_URLS = [f"http://127.0.0.1:{closed_port()}/"]
    settings.IOP_EDGE_PURGE_RETRY_DELAYS = []
    page = Page.objects.get(slug="what-is-iop")
    url = reverse("admin:content_page_change", args=[page.pk])
    data = page_form_data(staff_client, page, body="<p>Saved while the edge is down.</p>")
    with caplog.at_level(logging.WARNING, logger="core.purge"):
        response = staff_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "Saved while the edge is down." in Page.objects.get(pk=page.pk).body
    assert "has not updated yet" in response.content.decode()
    assert any("did not take a purge" in record.message for record in caplog.records)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reachable_edge_gives_no_warning(recorded, staff_client):
    page = Page.objects.get(slug="what-is-iop")
    url = reverse("admin:content_page_change", args=[page.pk])
    data = page_form_data(staff_client, page, body="<p>Reached the edge.</p>")
    response = staff_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert recorded, "the admin save sent no purge"
    assert "has not updated yet" not in response.content.decode()


def test_a_failed_purge_is_retried_until_the_edge_takes_it(settings, caplog):
    settings.IOP_EDGE_PURGER = "tests.test_purge.FlakyPurger"
    sent_purges.clear()
    FlakyPurger.calls, FlakyPurger.failures = 0, 2
    with caplog.at_level(logging.INFO, logger="core.purge"):
        assert purge._retry(frozenset({"/"}), [0, 0, 0]) is True
    assert FlakyPurger.calls == 3
    assert sent_purges.pop() == frozenset({"/"})
    assert sent_purges == []


def test_retries_stop_after_the_last_pause_and_say_so(settings, caplog):
    settings.IOP_EDGE_PURGER = "tests.test_purge.FlakyPurger"
    FlakyPurger.calls, FlakyPurger.failures = 0, 100
    with caplog.at_level(logging.ERROR, logger="core.purge"):
        assert purge._retry(purge.EVERYTHING, [0, 0]) is False
    assert FlakyPurger.calls == 2
    assert any("never took the purge" in record.message for record in caplog.records)


def test_the_purge_is_sent_again_once_every_app_process_has_seen_the_save(settings, monkeypatch):
    """App processes may serve a page from memory for a short window after a save; an edge
    fetch in that window would store the old page again, so the purge is repeated after it."""
    import time

    settings.IOP_EDGE_PURGER = "tests.test_purge.RecordingPurger"
    settings.IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS = 0.05
    monkeypatch.setattr(purge, "FOLLOW_UP_MARGIN", 0)
    sent_purges.clear()
    purge.purge_now(frozenset({"/what-is-iop/"}))
    assert sent_purges == [frozenset({"/what-is-iop/"})]
    deadline = time.monotonic() + 5
    while len(sent_purges) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sent_purges == [frozenset({"/what-is-iop/"})] * 2


@pytest.mark.django_db
def test_a_migrate_run_purges_every_page_once(recorded, django_capture_on_commit_callbacks):
    from django.apps import apps
    from django.db.models.signals import post_migrate

    with django_capture_on_commit_callbacks(execute=True):
        for config in apps.get_app_configs():
            post_migrate.send(
                sender=config,
                app_config=config,
                verbosity=0,
                interactive=False,
                using="default",
                apps=apps,
                plan=[],
            )
    assert sent_purges == [purge.EVERYTHING]
