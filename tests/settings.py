"""Settings for the test suite: the site's own (iop_site.settings), made fast and self-contained.

Servers that tests start in their own processes (tests/servers.py) run iop_site.settings itself.
"""

import os
import tempfile

from iop_site.settings import *  # noqa: F403
from iop_site.settings import SESSION_ENGINE, STORAGES

# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Real hashing costs ~0.3 s per login; the lockout and battery tests log in a lot.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if SESSION_ENGINE == "core.file_sessions":
    # A folder of this run's own, not the one `make run` uses; the store makes it on first use
    # and tests/conftest.py removes it at the end.
    SESSION_FILE_PATH = os.path.join(tempfile.gettempdir(), f"iop-test-sessions-{os.getpid()}")

# This run's own contact snapshot; the page cache's generation is read only when a test says so.
IOP_CONTACT_SNAPSHOT_FILE = os.path.join(tempfile.gettempdir(), f"iop-test-contact-{os.getpid()}")
IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS = 60
# No background sweeper thread in tests: they call core.sessions.sweep_expired() themselves.
IOP_SESSION_SWEEP_SECONDS = 0
