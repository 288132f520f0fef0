"""Expired sessions (which may hold a self-check's answers) are deleted, not just ignored."""

from importlib import import_module

import pytest

from core.sessions import sweep_expired
from tests.screening_helpers import START

ENGINES = ["core.file_sessions", "django.contrib.sessions.backends.db"]


@pytest.mark.django_db
@pytest.mark.parametrize("engine", ENGINES)
def test_the_sweep_deletes_expired_sessions_and_keeps_live_ones(settings, engine):
    settings.SESSION_ENGINE = engine
    store_class = import_module(engine).SessionStore
    expired, live = store_class(), store_class()
    for store, expiry in [(expired, -10), (live, 600)]:
        store["answers"] = {"who": "me"}
        store.set_expiry(expiry)
        store.save()
    sweep_expired()
    assert not store_class().exists(expired.session_key)
    assert store_class().exists(live.session_key)


@pytest.mark.django_db
def test_a_self_check_session_expires_early_enough_for_the_sweep_to_meet_the_hour(client, settings):
    settings.IOP_SESSION_SWEEP_SECONDS = 60
    client.post(START, {"answer": "me"})
    session = client.session
    assert session.get_expiry_age() + settings.IOP_SESSION_SWEEP_SECONDS <= 60 * 60
