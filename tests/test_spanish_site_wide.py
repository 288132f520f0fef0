"""The parts of the site every page shares, and every error page, in Spanish under /es/."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf.urls.i18n import i18n_patterns
from django.core.management import call_command
from django.db import OperationalError, connections
from django.test import Client, RequestFactory
from django.urls import path
from django.utils import translation

from content.models import Page
from core import contact, pagecache, sessions, views

from .spanish_helpers import english_words

SPANISH_CRISIS_LINES = [
    'llame al <a href="tel:911">911</a>',
    'al <a href="tel:988">988</a> (988 Línea de Prevención del Suicidio y Crisis). Atiende en '
    "español.",
    'en inglés y en español: Línea Nacional de Ayuda de SAMHSA <a href="tel:+18006624357">'
    "1-800-662-4357</a>",
]
PO_FILE = Path(__file__).resolve().parent.parent / "core/locale/es/LC_MESSAGES/django.po"
BIG_BODY = "answer=" + "x" * (300 * 1024)


def boom(request):
    raise RuntimeError("something broke")


urlpatterns = i18n_patterns(path("boom/", boom), prefix_default_language=False)
handler500 = views.server_error


@pytest.fixture(autouse=True)
def english_afterwards():
    # The middleware leaves the address's language active in this thread; tests after these
    # that render without a request must not find Spanish.
    yield
    translation.activate("en")


def database_gone(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server")

    for connection in connections.all():
        monkeypatch.setattr(connection, "cursor", refuse)


def assert_all_spanish(html, phone="(844) 744-8783"):
    assert re.search(r'<html lang="es">', html)
    assert english_words(html) == []
    for line in SPANISH_CRISIS_LINES:
        assert line in html
    assert "Salir de este sitio" in html
    assert 'title="Salga de este sitio ahora. Atajo: pulse Esc dos veces."' in html
    assert 'data-quick-exit-title="Nueva pestaña"' in html
    assert phone in html


def spanish_error_pages(client):
    return {
        "404": client.get("/es/no-such-page/"),
        "405": client.post("/es/"),
        "405-put": client.put("/es/self-check/"),
        "413": client.post(
            "/es/self-check/", BIG_BODY, content_type="application/x-www-form-urlencoded"
        ),
        "400": client.get("/es/", headers={"host": "not-our-site.example"}),
        "403-csrf": Client(enforce_csrf_checks=True).post("/es/self-check/", {"answer": "me"}),
    }


@pytest.mark.django_db
def test_every_error_page_under_es_is_spanish_with_the_crisis_lines(client):
    statuses = {"404": 404, "405": 405, "405-put": 405, "413": 413, "400": 400, "403-csrf": 403}
    for name, response in spanish_error_pages(client).items():
        html = response.content.decode()
        assert response.status_code == statuses[name], name
        assert_all_spanish(html)
        assert response["Content-Language"] == "es"


@pytest.mark.django_db
def test_spanish_error_pages_link_to_the_spanish_pages(client):
    pages = spanish_error_pages(client)
    not_found = pages["404"].content.decode()
    assert "No encontramos esa página" in not_found
    assert 'Vaya a la <a href="/es/">página de inicio</a>, o llámenos al' in not_found
    too_big = pages["413"].content.decode()
    assert "Lo que envió era demasiado grande" in too_big
    assert '<a href="/es/self-check/">Empiece de nuevo la autoevaluación</a>,' in too_big
    assert 'href="/self-check/"' not in too_big


@pytest.mark.django_db
def test_a_server_error_under_es_is_spanish(settings):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/es/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Lo sentimos, algo salió mal de nuestro lado" in html
    assert "<title>Algo salió mal | True Recovery</title>" in html
    assert_all_spanish(html)
    english = Client(raise_request_exception=False).get("/boom/").content.decode()
    assert '<html lang="en">' in english
    assert "Sorry, something went wrong on our side" in english


def test_the_outage_page_under_es_is_spanish_with_the_last_known_phone(monkeypatch):
    contact.remember("Harbor Recovery", "(800) 555-0142")
    try:
        database_gone(monkeypatch)
        response = Client(raise_request_exception=False).get("/es/what-is-iop/")
        html = response.content.decode()
        assert response.status_code == 503
        assert_all_spanish(html, phone="(800) 555-0142")
        assert "Llame al </span>(800) 555-0142" in html
        assert 'href="tel:+18005550142"' in html
        assert "Harbor Recovery" in html
    finally:
        contact.forget()


@pytest.mark.django_db
def test_a_lost_session_under_es_says_so_in_spanish(client, redis_down):
    assert client.get("/es/self-check/").status_code == 200
    response = client.post("/es/self-check/", {"answer": "me"})
    html = response.content.decode()
    assert response.status_code == 503
    assert "Lo sentimos, no podemos seguir ahora" in html
    assert_all_spanish(html)


def site_wide_parts(html):
    """The skip link, header and footer: what every page shares, whoever owns its body."""
    skip = re.search(r'<a class="skip-link".*?</a>', html, re.S).group(0)
    header = re.search(r"<header.*?</header>", html, re.S).group(0)
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    return skip + header + footer


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/es/", "/es/what-is-iop/", "/es/self-check/"])
def test_ordinary_spanish_pages_share_a_spanish_header_and_footer(client, path):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    parts = site_wide_parts(html)
    assert english_words(parts) == []
    assert "Saltar al contenido principal" in parts
    assert "<summary>Menú</summary>" in parts
    assert ">Inicio</a>" in parts and ">Autoevaluación</a>" in parts
    assert "¿Necesita ayuda ahora mismo?" in parts
    for line in SPANISH_CRISIS_LINES:
        assert line in parts
    assert "Este sitio le da información general. No le da consejo médico." in parts


@pytest.mark.django_db
def test_a_menu_title_without_spanish_is_marked_english(client):
    def menu_link(html):
        header = re.search(r"<header.*?</header>", html, re.S).group(0)
        return re.search(r'<a href="/es/what-is-iop/"[^>]*>', header).group(0)

    assert "lang=" not in menu_link(client.get("/es/").content.decode())
    Page.objects.filter(slug="what-is-iop").update(nav_title_es="")
    pagecache.clear()
    assert 'lang="en"' in menu_link(client.get("/es/").content.decode())


@pytest.mark.django_db
def test_english_pages_keep_english_and_say_988_answers_in_spanish_too(client):
    html = client.get("/no-such-page/").content.decode()
    assert '<html lang="en">' in html
    assert "We could not find that page" in html
    assert 'Try the <a href="/">home page</a>, or call us at' in html
    assert "(Suicide &amp; Crisis Lifeline). Help in English and Spanish." in html
    assert "in English and Spanish: SAMHSA National Helpline" in html
    assert 'data-quick-exit-title="New tab"' in html


@pytest.mark.django_db
def test_the_static_error_pages_for_nginx_are_written_in_both_languages(tmp_path):
    call_command("render_error_pages", str(tmp_path), verbosity=0)
    english = {name: (tmp_path / name).read_text() for name in ("413.html", "503.html")}
    spanish = {name: (tmp_path / "es" / name).read_text() for name in ("413.html", "503.html")}
    assert "That was too much to send" in english["413.html"]
    assert '<html lang="en">' in english["503.html"]
    assert "Lo que envió era demasiado grande" in spanish["413.html"]
    assert "Lo sentimos, algo salió mal de nuestro lado" in spanish["503.html"]
    assert '<a href="/es/self-check/">' in spanish["413.html"]
    for html in spanish.values():
        assert_all_spanish(html)
        assert 'href="tel:+18447448783"' in html


def test_the_site_wide_spanish_is_ours_not_another_catalogues():
    # Django's own catalogues come first for a text they share with ours ("Page not found"):
    # what a visitor reads must be what our catalogue says.
    catalogue = read_po(PO_FILE.open("rb"))
    with translation.override("es"):
        shown = {m.id: translation.gettext(m.id) for m in catalogue if m.id}
    assert shown == {m.id: m.string for m in catalogue if m.id}


def test_when_the_session_outage_page_cannot_render_the_outage_page_still_gives_the_phone(
    monkeypatch,
):
    def no_menu(*args, **kwargs):
        raise OperationalError("the menu needs the database")

    monkeypatch.setattr(sessions, "render", no_menu)
    contact.remember("Harbor Recovery", "(800) 555-0142")
    try:
        with translation.override("es"):
            response = sessions.unavailable_page(RequestFactory().get("/es/self-check/"))
        html = response.content.decode()
        assert response.status_code == 503
        assert 'href="tel:+18005550142"' in html
        assert_all_spanish(html, phone="(800) 555-0142")
    finally:
        contact.forget()
