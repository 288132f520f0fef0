"""Walking a test client through the self-check."""

from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore
from django.contrib.sessions.models import Session

from screening.models import OutcomeCount

from .html_checks import text_of

# Django's file session store names each file after the session cookie.
SESSION_FILE_PREFIX = settings.SESSION_COOKIE_NAME

START = "/self-check/"
CHECK = "/self-check/check/"
RESULT = "/self-check/result/"
START_OVER = "/self-check/start-over/"


def question_url(step):
    # The warning-signs follow-up is asked at the detox question's address.
    page = "detox" if step == "warning_signs" else step
    return f"/self-check/question/{page}/"


def answer_all(client, who="me", paths=("yes", "no", "no"), detox="completed", signs=None):
    """Answer every step in order, asserting each POST is accepted; returns the last response."""
    response = client.post(START, {"answer": who})
    assert response.status_code == 302, response.content
    steps = zip(["rather_not_live_in", "stepping_down", "relapse"], paths, strict=True)
    for step, value in [*steps, ("detox", detox)]:
        response = client.post(question_url(step), {"answer": value})
        assert response.status_code == 302, (step, response.content.decode())
    if signs is not None:
        response = client.post(question_url("warning_signs"), {"answer": list(signs)})
        assert response.status_code == 302, response.content.decode()
    if detox != "not_sure" or signs is not None:
        assert response["Location"] == CHECK
    return response


def total_count():
    return sum(OutcomeCount.objects.values_list("count", flat=True))


# The self-check tests read pages through this name.
html = text_of


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _stored_session_names():
    store = _session_store()
    if issubclass(store, FileSessionStore):
        folder = Path(store._get_storage_path())
        return [path for path in folder.iterdir() if path.name.startswith(SESSION_FILE_PREFIX)]
    if settings.SESSION_ENGINE.endswith(".db"):
        return list(Session.objects.values_list("session_key", flat=True))
    redis = store()._cache._cache.get_client()
    return redis.keys(f"*{store.cache_key_prefix}*")


def stored_sessions():
    """How many sessions the server holds, in whichever store the settings chose."""
    return len(_stored_session_names())


def forget_stored_sessions():
    """Database rows roll back after each test; session files and Redis keys do not."""
    if issubclass(_session_store(), FileSessionStore):
        for path in _stored_session_names():
            path.unlink(missing_ok=True)
    elif not settings.SESSION_ENGINE.endswith(".db"):
        names = _stored_session_names()
        if names:
            import_module(settings.SESSION_ENGINE).SessionStore()._cache._cache.get_client().delete(
                *names
            )


def session_exists(session_key):
    return import_module(settings.SESSION_ENGINE).SessionStore().exists(session_key)
