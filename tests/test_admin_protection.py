import secrets
from datetime import UTC, datetime, timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from .process_helpers import run_django, run_python
from .staff_helpers import EDITOR_PASSWORD


def production_env(**overrides):
    expires = (datetime.now(UTC) + timedelta(days=180)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "iop.example.org",
        "DJANGO_ADMIN_URL": "staff-door-4k7q/",
        "DJANGO_SECURITY_TXT_CONTACT": "mailto:security@truerecovery.test",
        "DJANGO_SECURITY_TXT_EXPIRES": expires,
        **overrides,
    }


def deploy_check(**env):
    return run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)


def test_deploy_check_passes_with_production_settings():
    result = deploy_check(**production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_fails_on_a_guessable_admin_stale_security_txt_and_plain_http():
    env = production_env(DJANGO_HTTPS_ONLY="0", DJANGO_SECURITY_TXT_EXPIRES="2020-01-01T00:00:00Z")
    del env["DJANGO_ADMIN_URL"], env["DJANGO_SECURITY_TXT_CONTACT"]
    result = deploy_check(**env)
    assert result.returncode != 0
    for warning in ("iop.W001", "iop.W002", "iop.W003", "security.W008", "security.W004"):
        assert warning in result.stderr


def test_admin_url_comes_from_the_environment():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    assert run_django(code, **production_env()).stdout.strip() == "/staff-door-4k7q/"
    moved = run_django(code, **production_env(DJANGO_ADMIN_URL="/back-office/"))
    assert moved.stdout.strip() == "/back-office/"


def test_robots_txt_does_not_publish_a_secret_admin_path():
    code = (
        "from django.test import RequestFactory; from core.views import robots_txt;"
        "print(robots_txt(RequestFactory().get('/robots.txt')).content.decode())"
    )
    robots = run_django(code, **production_env(DJANGO_ALLOWED_HOSTS="testserver"))
    assert robots.returncode == 0, robots.stderr
    assert "Disallow: /self-check/" in robots.stdout
    assert "staff-door-4k7q" not in robots.stdout


@pytest.mark.parametrize(
    "password", ["short-pass1", "password1234", "123456789012345", "editor-editor"]
)
def test_weak_staff_passwords_are_refused(django_user_model, password):
    user = django_user_model(username="editor-editor")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_twelve_character_passphrase_is_accepted(django_user_model):
    passphrase = "ferry-lamp-9"
    assert len(passphrase) == 12
    validate_password(passphrase, django_user_model(username="editor"))


def log_in(client, username="editor", password=EDITOR_PASSWORD, **extra):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, **extra
    )


@pytest.mark.django_db
def test_staff_sessions_end_with_the_browser_and_after_eight_hours(client, editor):
    response = log_in(client)
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    # No Max-Age or Expires: the browser drops it when it closes.
    assert not cookie["max-age"]
    assert not cookie["expires"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    # Whatever the session store (database or Redis), the server forgets it after 8 hours.
    session = client.session
    assert session.get_expire_at_browser_close()
    lifetime = session.get_expiry_date() - timezone.now()
    assert timedelta(hours=7, minutes=59) < lifetime <= timedelta(hours=8)


@pytest.mark.django_db
def test_five_wrong_passwords_lock_that_username_out_for_15_minutes(client, editor):
    for _ in range(4):
        assert log_in(client, password="wrong-guess").status_code == 200
    locked = log_in(client, password="wrong-guess")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Sign-in paused for this username" in html
    assert "paused for 15 minutes" in html
    # Even the right password does not get in while the lock lasts.
    assert log_in(client).status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_is_per_username_and_address(client, editor, django_user_model):
    django_user_model.objects.create_superuser("other", "o@example.com", EDITOR_PASSWORD)
    for _ in range(5):
        log_in(client, password="wrong-guess")
    assert log_in(client).status_code == 429
    assert log_in(Client(), username="other").status_code == 302
    assert log_in(Client(REMOTE_ADDR="203.0.113.9")).status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_lockout_uses_the_address_the_proxy_saw(settings, editor):
    settings.IOP_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(5):
        # The attacker writes a new fake address each time; the proxy appends the real one.
        forwarded = f"192.0.2.{n}, 198.51.100.7"
        log_in(Client(), password="wrong-guess", HTTP_X_FORWARDED_FOR=forwarded, **proxy)
    locked = log_in(Client(), HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.7", **proxy)
    assert locked.status_code == 429
    # Another visitor behind the same proxy is not locked out.
    assert log_in(Client(), HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code == 302


@pytest.mark.django_db
def test_without_a_proxy_a_forged_forwarded_for_is_ignored(editor):
    for n in range(5):
        log_in(Client(), password="wrong-guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert log_in(Client(), HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429


@pytest.mark.django_db
def test_lockout_lifts_after_15_minutes(client, editor):
    for _ in range(5):
        log_in(client, password="wrong-guess")
    assert log_in(client).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "https:evil.example",
        "javascript:alert(1)",
        "http://testserver@evil.example/",
    ],
)
def test_admin_login_never_redirects_to_another_site(client, editor, target):
    response = client.post(
        "/admin/login/", {"username": "editor", "password": EDITOR_PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("forwarded", "seen_as"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("198.51.100.7:5678", "198.51.100.7"),
        ("2001:db8::7", "2001:db8::7"),
        ("[2001:db8::7]", "2001:db8::7"),
        ("[2001:db8::7]:443", "2001:db8::7"),
        ("[::1]", "::1"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("2001:DB8:0:0::7", "2001:db8::7"),
        ("not-an-ip", "10.0.0.2"),
        ("1.2.3.4.5", "10.0.0.2"),
        ("999.1.1.1", "10.0.0.2"),
        ("[not-an-ip]:80", "10.0.0.2"),
        ("198.51.100.7:port", "10.0.0.2"),
        ("fe80::1%eth0", "10.0.0.2"),
        ("unknown", "10.0.0.2"),
        ("192.0.2.1, " + "9" * 5000, "10.0.0.2"),
        ("\u0661.\u0662.\u0663.\u0664", "10.0.0.2"),
        (", ,", "10.0.0.2"),
    ],
)
def test_any_forwarded_for_value_is_parsed_safely_and_login_still_works(
    settings, editor, forwarded, seen_as
):
    settings.IOP_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": forwarded}
    assert log_in(Client(), password="wrong-guess", **proxy).status_code == 200
    assert AccessAttempt.objects.get().ip_address == seen_as
    assert log_in(Client(), **proxy).status_code == 302
