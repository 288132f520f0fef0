import shutil

import pytest
from django.conf import settings

from content.models import Page, SiteSettings

from .redis_servers import cache_settings
from .screening_helpers import forget_stored_sessions
from .servers import closed_port
from .staff_helpers import EDITOR_PASSWORD


@pytest.fixture(autouse=True, scope="session")
def session_folder_removed_at_the_end():
    yield
    # tests/settings.py gives each run its own session folder (only when sessions are files).
    if settings.SESSION_ENGINE == "core.file_sessions":
        shutil.rmtree(settings.SESSION_FILE_PATH, ignore_errors=True)


@pytest.fixture(autouse=True)
def fresh_session_store():
    forget_stored_sessions()


@pytest.fixture(autouse=True)
def fresh_completion_limit():
    # Every test client finishes self-checks from 127.0.0.1: give each test its own minute.
    from screening import flow

    flow.forget_completions("127.0.0.1")


@pytest.fixture(autouse=True)
def fresh_page_cache():
    # Tests change rows with .update(), which sends no signal: start each test with no pages cached.
    from core import contact, pagecache

    pagecache.clear()
    # And read the generation afresh on the first request: a remembered one could run out
    # between a test's two requests, and the row may have changed since (other tests commit).
    pagecache._memory.fresh_until = 0.0
    contact.forget()


@pytest.fixture
def site_settings(db):
    return SiteSettings.current()


@pytest.fixture
def published_pages(db):
    return list(Page.objects.published())


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor", "editor@example.com", EDITOR_PASSWORD
    )


@pytest.fixture
def staff_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def redis_down(settings):
    """The site set up for Redis (cache and sessions), and nothing answering at that address."""
    settings.CACHES = cache_settings(f"redis://127.0.0.1:{closed_port()}/0")
    settings.SESSION_ENGINE = "core.sessions"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def other_editor_client(django_user_model):
    from django.test import Client

    user = django_user_model.objects.create_superuser(
        "second-editor", "second@example.com", "another-long-passphrase"
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def english_between_tests():
    """Each test starts in English: a request to /es/ leaves Spanish active in the thread that
    served it (the test client's is the test's own), and a model saved then would fill its
    Spanish columns instead of the English ones."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
