import pytest
from django.db import connections
from django.test import Client
from django.urls import path

from core import views


def boom(request):
    raise RuntimeError("something broke")


urlpatterns = [path("boom/", boom)]
handler500 = views.server_error


@pytest.mark.django_db
def test_server_error_page_is_ours_and_shows_the_phone(settings):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "something went wrong on our side" in html
    assert 'href="tel:+18447448783"' in html
    assert "RuntimeError" not in html


@pytest.fixture
def database_gone(monkeypatch):
    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page must not touch the database")

    for connection in connections.all():
        monkeypatch.setattr(connection, "cursor", no_database)
        monkeypatch.setattr(connection, "connect", no_database)


def test_server_error_page_renders_with_the_database_gone(database_gone):
    response = views.server_error(None)
    assert response.status_code == 500
    assert "(844) 744-8783" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_gets_our_friendly_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Please try that again" in response.content.decode()


def test_server_error_page_names_the_provider_and_offers_the_quick_exit(settings, database_gone):
    html = views.server_error(None).content.decode()
    assert "<title>Something went wrong | True Recovery</title>" in html
    assert '<a class="brand" href="/">True Recovery</a>' in html
    assert f'href="{settings.IOP_QUICK_EXIT_URL}"' in html
    assert "data-quick-exit" in html
    assert "/static/js/site" in html  # the script that makes Esc Esc leave, too
    assert 'href="tel:+18006624357"' in html  # the crisis lines, as on every page


@pytest.mark.django_db
def test_a_csrf_failure_inside_the_admin_gets_an_admin_page_not_the_visitors_one():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    html = response.content.decode()
    assert response.status_code == 403
    assert 'id="site-name"' in html
    assert "Start the self-check again" not in html
    assert "reload it, and press Save again" in html


@pytest.mark.django_db
def test_a_csrf_failure_on_the_self_check_still_gets_the_visitors_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/self-check/", {"audience": "me"})
    assert response.status_code == 403
    assert "Start the self-check again" in response.content.decode()


@pytest.mark.django_db
def test_the_admins_403_page_is_styled_and_explains(client, django_user_model):
    user = django_user_model.objects.create_user("limited", password="a-long-passphrase-1")
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.get("/admin/content/page/add/")
    html = response.content.decode()
    assert response.status_code == 403
    assert 'id="site-name"' in html and "/static/admin/css/base.css" in html
    assert "Your account is not allowed to open this page" in html
