"""Safe, quiet defaults: files carry the pages' security headers; refused hosts log one line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .servers import collect_static
from .staff_helpers import picture_bytes

ROOT = Path(__file__).resolve().parent.parent
PAGE_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
)


@pytest.fixture
def static_from_sources(settings):
    # Tests run without collectstatic: let WhiteNoise find files where they are written.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/static/css/site.css", "/static/js/site.js", "/static/favicon.svg"]
)
def test_static_files_carry_the_pages_security_headers_and_no_wildcard_cors(
    client, static_from_sources, path
):
    page = client.get("/")
    response = client.get(path)
    assert response.status_code == 200
    for header in PAGE_HEADERS:
        assert response.get(header) == page[header], header
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
def test_media_files_carry_the_security_headers_and_no_wildcard_cors(client, media_root):
    stored = media_root / "pages" / "0123456789abcdef.jpg"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(picture_bytes("JPEG", (40, 30)))
    page = client.get("/")
    response = client.get("/media/pages/0123456789abcdef.jpg")
    assert response.status_code == 200
    for header in PAGE_HEADERS[1:]:
        assert response.get(header) == page[header], header
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "Access-Control-Allow-Origin" not in response


def log_output_of(code, tmp_path):
    """Run `code` in a fresh Django process with production-like logging; return its stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="iop_site.settings",
        DJANGO_SECRET_KEY="tests-only-secret-key-not-for-any-real-deployment-0123456789",
        DJANGO_HTTPS_ONLY="0",
        DJANGO_LOG_LEVEL="INFO",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    collect_static(env)  # the 400 page links hashed static files, as in production
    setup = "from django.core.management import call_command; call_command('migrate', verbosity=0)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {setup}; {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stderr


def test_each_disallowed_host_logs_one_short_warning_line_without_a_traceback(tmp_path):
    stderr = log_output_of(
        "from django.test import Client; "
        "statuses = {Client(HTTP_HOST=f'evil{n}.example' + 'x' * n * 100).get('/').status_code "
        "for n in range(20)}; "
        "assert statuses == {400}, statuses",
        tmp_path,
    )
    # django-axes says which version started, once per process.
    lines = [line for line in stderr.splitlines() if not line.startswith("AXES: BEGIN")]
    assert len(lines) == 20, stderr[:3000]
    assert "Traceback" not in stderr
    for n, line in enumerate(lines):
        assert f"evil{n}.example" in line
        assert len(line) <= 300
