import re

import pytest

from content.models import Page

from .html_checks import blocked_inline_code_in, csp_nonce, inline_code_in, plain_text_lines
from .staff_helpers import page_form

PUBLIC_URLS = ["/", "/what-is-iop/", "/who-is-iop-for/", "/benefits-of-iop/", "/self-check/"]
SELF_CHECK_STEPS = [
    ("/self-check/", "me"),
    ("/self-check/question/rather_not_live_in/", "yes"),
    ("/self-check/question/stepping_down/", "no"),
    ("/self-check/question/relapse/", "no"),
    ("/self-check/question/detox/", "not_sure"),
    ("/self-check/question/detox/", "none"),  # the follow-up, asked at the detox address
]


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_hardened(response):
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "http:" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "interest-cohort", "payment", "usb"):
        assert f"{feature}=()" in permissions


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_page_sends_the_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_hardened(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "extra", "status"),
    [
        ("get", "/no-such-page/", {}, 404),
        ("trace", "/", {}, 405),
        ("post", "/", {}, 405),
        ("get", "/", {"HTTP_HOST": "evil.example"}, 400),
        ("get", "/.well-known/security.txt", {}, 200),
        ("get", "/admin/login/", {}, 200),
    ],
)
def test_error_pages_and_plumbing_send_the_security_headers_too(client, method, url, extra, status):
    response = getattr(client, method)(url, **extra)
    assert response.status_code == status
    assert_hardened(response)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [*PUBLIC_URLS, "/no-such-page/"])
def test_public_pages_have_nothing_inline_that_the_policy_would_block(client, url):
    assert inline_code_in(client.get(url).content.decode()) == []


ADMIN_PAGES = [
    "/admin/",
    "/admin/content/page/",
    "/admin/content/page/add/",
    "/admin/content/page/1/change/",
    "/admin/content/page/1/history/",
    "/admin/content/page/1/preview/",
    "/admin/content/page/recover/",
    "/admin/content/page/1/delete/",
    "/admin/content/sitesettings/1/change/",
    "/admin/auth/user/",
    "/admin/auth/user/{editor}/change/",
    "/admin/auth/user/{editor}/password/",
    "/admin/password_change/",
    "/admin/axes/accessattempt/",
    "/admin/screening/question/",
    "/admin/screening/question/1/change/",
    "/admin/screening/resulttext/1/change/",
    "/admin/screening/pathbenefit/1/change/",
    "/admin/screening/outcomecount/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_load_hardened_with_nothing_inline_for_the_policy_to_block(
    staff_client, site_settings, url
):
    site_settings.save()
    # The editor's id: 1 on SQLite, but PostgreSQL does not reuse ids between tests.
    url = url.format(editor=staff_client.session["_auth_user_id"])
    response = staff_client.get(url)
    assert response.status_code == 200
    assert_hardened(response)
    assert blocked_inline_code_in(response) == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/content/page/add/", "/admin/content/page/1/change/"])
def test_the_page_editor_runs_its_import_map_by_nonce_not_unsafe_inline(staff_client, url):
    response = staff_client.get(url)
    nonce = csp_nonce(response)
    assert nonce
    assert csp_directives(response)["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert f'<script type="importmap" nonce="{nonce}">' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", [*PUBLIC_URLS, "/admin/", "/admin/content/page/"])
def test_pages_without_the_editor_get_no_nonce(staff_client, url):
    assert "script-src" not in csp_directives(staff_client.get(url))


@pytest.mark.django_db
def test_admin_login_page_has_nothing_inline_for_the_policy_to_block(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 200
    assert inline_code_in(response.content.decode()) == []


@pytest.mark.django_db
def test_staff_edit_a_page_through_the_admin_with_the_headers_on(staff_client, client):
    page = Page.objects.get(slug="what-is-iop")
    form = staff_client.get(f"/admin/content/page/{page.pk}/change/")
    assert_hardened(form)
    # Every script the form needs comes from our own origin, which the policy allows.
    for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', form.content.decode()):
        assert src.startswith("/") and not src.startswith("//"), src
        if not src.startswith("/static/"):
            assert staff_client.get(src).status_code == 200, src
    data = page_form(page, title="What IOP is", body="<p>New words.</p>")
    saved = staff_client.post(f"/admin/content/page/{page.pk}/change/", data)
    assert saved.status_code == 302
    assert_hardened(saved)
    assert "New words." in client.get("/what-is-iop/").content.decode()


@pytest.mark.django_db
def test_security_txt_names_a_contact_and_an_expiry_from_settings(client, settings):
    settings.IOP_SECURITY_TXT_CONTACTS = [
        "mailto:security@truerecovery.test",
        "https://t.test/report",
    ]
    settings.IOP_SECURITY_TXT_EXPIRES = "2027-03-31T00:00:00Z"
    response = client.get("/.well-known/security.txt")
    assert {
        "Contact: mailto:security@truerecovery.test",
        "Contact: https://t.test/report",
        "Expires: 2027-03-31T00:00:00Z",
        "Canonical: http://testserver/.well-known/security.txt",
    } <= set(plain_text_lines(response))
    assert "Set-Cookie" not in response


@pytest.mark.django_db
def test_a_favicon_is_served_and_linked_from_every_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.ico"
    for url in [*PUBLIC_URLS, "/no-such-page/"]:
        html = client.get(url).content.decode()
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html, url
        assert '<link rel="icon" href="/static/favicon.ico" sizes="32x32">' in html, url


@pytest.mark.django_db
@pytest.mark.django_db
def test_every_self_check_page_and_the_result_are_hardened_and_inline_free(client):
    for url, answer in SELF_CHECK_STEPS:
        page = client.get(url)
        assert page.status_code == 200, url
        assert_hardened(page)
        assert inline_code_in(page.content.decode()) == [], url
        assert client.post(url, {"answer": answer}).status_code == 302, url
    check = client.get("/self-check/check/")
    assert_hardened(check)
    assert inline_code_in(check.content.decode()) == []
    result = client.post("/self-check/result/")
    assert result.status_code == 200
    assert_hardened(result)
    assert inline_code_in(result.content.decode()) == []
    assert "no-store" in result["Cache-Control"]


@pytest.mark.django_db
def test_the_self_check_csrf_cookie_ends_with_the_browser(client):
    cookie = client.get("/self-check/").cookies["csrftoken"]
    assert not cookie["max-age"]
    assert not cookie["expires"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
