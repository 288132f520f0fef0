import tempfile

import pytest
from django.conf import settings

from content.models import Page, SiteSettings

from .screening_helpers import forget_stored_sessions


def pytest_configure(config):
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Real hashing costs ~0.3 s per login; the lockout and battery tests log in a lot.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # This run's own contact snapshot; the page cache's generation read only when a test says so.
    settings.CONTACT_SNAPSHOT_FILE = tempfile.mkstemp(prefix="iop-test-contact-")[1]
    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 60
    if settings.SESSION_ENGINE == FILE_SESSIONS:
        # A folder of this run's own, not the one `make run` uses.
        settings.SESSION_FILE_PATH = tempfile.mkdtemp(prefix="iop-test-sessions-")


FILE_SESSIONS = "django.contrib.sessions.backends.file"


@pytest.fixture(autouse=True)
def fresh_session_store():
    forget_stored_sessions()


@pytest.fixture(autouse=True)
def fresh_page_cache():
    # Tests change rows with .update(), which sends no signal: start each test with no pages cached.
    from core import contact, pagecache

    pagecache.clear()
    contact.forget()


@pytest.fixture
def site_settings(db):
    return SiteSettings.current()


@pytest.fixture
def published_pages(db):
    return list(Page.objects.published())


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.com", "a-long-enough-passphrase"
    )
    client.force_login(user)
    return client


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
