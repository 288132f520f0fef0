from .process_helpers import run_django


def load_settings(**env):
    """DEBUG and the HTTPS settings that the site makes of exactly this environment."""
    return run_django(
        "from django.conf import settings;"
        "print(settings.DEBUG, settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE,"
        " settings.SECURE_HSTS_SECONDS)",
        **env,
    )


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    result = load_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_is_off_and_https_only_by_default():
    result = load_settings(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "31536000"]


def test_debug_turns_on_only_when_asked():
    result = load_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"
    declined = load_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)
    assert declined.stdout.split()[0] == "False", declined.stderr
