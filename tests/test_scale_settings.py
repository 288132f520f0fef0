import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def settings_with(**env):
    """Read a few settings in a fresh interpreter with exactly this environment."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k not in {"DATABASE_URL", "REDIS_URL"}
    }
    clean.update(DJANGO_SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="iop_site.settings", **env)
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "db = settings.DATABASES['default'];"
        "print(json.dumps({'engine': db['ENGINE'], 'options': db.get('OPTIONS', {}),"
        " 'cache': settings.CACHES['default']['BACKEND'],"
        " 'cache_location': settings.CACHES['default'].get('LOCATION', ''),"
        " 'sessions': settings.SESSION_ENGINE}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_database_or_redis_urls_everything_stays_on_one_machine():
    found = settings_with()
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["sessions"] == "core.file_sessions"


def test_database_url_switches_to_postgresql_with_a_connect_timeout():
    found = settings_with(DATABASE_URL="postgres://app@db.internal:5432/iop")
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["options"]["connect_timeout"] == 5
    # Several servers may share that database: sessions go there, not to one machine's files.
    assert found["sessions"] == "django.contrib.sessions.backends.db"


def test_redis_url_moves_cache_and_sessions_to_redis():
    found = settings_with(REDIS_URL="redis://cache.internal:6379/2")
    assert found["cache"] == "core.cache.ResilientRedisCache"
    assert found["cache_location"] == "redis://cache.internal:6379/2"
    assert found["sessions"] == "core.sessions"
