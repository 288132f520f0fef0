"""Sessions as private files on one machine (SQLite and no Redis: see settings)."""

import os

from django.conf import settings
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore


class SessionStore(FileSessionStore):
    @classmethod
    def _get_storage_path(cls):
        # Made here, on first use, so that loading the settings writes nothing to disk. Only
        # this user may read the folder: each file holds a visitor's answers between steps.
        if settings.SESSION_FILE_PATH and not hasattr(cls, "_storage_path"):
            os.makedirs(settings.SESSION_FILE_PATH, mode=0o700, exist_ok=True)
        return super()._get_storage_path()
