import json

from .process_helpers import run_django


def settings_with(**env):
    """The database, cache and session store the site's settings choose for this environment."""
    result = run_django(
        "import json; from django.conf import settings;"
        "db = settings.DATABASES['default'];"
        "print(json.dumps({'engine': db['ENGINE'], 'options': db.get('OPTIONS', {}),"
        " 'cache': settings.CACHES['default']['BACKEND'],"
        " 'cache_location': settings.CACHES['default'].get('LOCATION', ''),"
        " 'sessions': settings.SESSION_ENGINE}))",
        **{"DJANGO_SECRET_KEY": "x" * 50, **env},
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


def test_loading_the_settings_writes_no_session_folder_until_a_session_is_saved(tmp_path):
    folder = str(tmp_path / "sessions")
    result = run_django(
        "import os; from importlib import import_module; from django.conf import settings;"
        f"print(os.path.exists({folder!r}));"
        "store = import_module(settings.SESSION_ENGINE).SessionStore();"
        "store['step'] = 'who'; store.save();"
        f"print(oct(os.stat({folder!r}).st_mode & 0o777), len(os.listdir({folder!r})))",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_SESSION_FILE_PATH=folder,
    )
    assert result.returncode == 0, result.stderr
    # Only this user may read the folder: each file holds a visitor's answers between steps.
    assert result.stdout.split() == ["False", "0o700", "1"]
