import datetime
import threading

import pytest
from django.conf import settings
from django.db import connection, connections
from django.db.models.query import QuerySet
from django.test import Client

from screening import flow
from screening.models import Completion, OutcomeCount

from .screening_helpers import RESULT, answer_all, html, total_count

DAY = datetime.date(2026, 11, 27)


def run_together(count, action):
    """Start `count` threads that call `action` at the same moment; return what they raised."""
    barrier = threading.Barrier(count)
    errors = []

    def worker():
        try:
            barrier.wait()
            action()
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker) for _ in range(count)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return errors


@pytest.mark.django_db
def test_record_creates_then_adds_per_day_and_outcome():
    OutcomeCount.record("good-fit", day=DAY)
    OutcomeCount.record("good-fit", day=DAY)
    OutcomeCount.record("talk-it-through", day=DAY)
    OutcomeCount.record("good-fit", day=DAY + datetime.timedelta(days=1))
    assert sorted(OutcomeCount.objects.values_list("day", "outcome", "count")) == [
        (DAY, "good-fit", 2),
        (DAY, "talk-it-through", 1),
        (DAY + datetime.timedelta(days=1), "good-fit", 1),
    ]


@pytest.mark.django_db
def test_record_recovers_when_another_server_created_the_row_first(monkeypatch):
    # Simulate losing the race: our UPDATE found no row, then someone else's INSERT landed.
    real_update = QuerySet.update
    calls = []

    def update_after_rival_insert(queryset, **kwargs):
        if not calls:
            calls.append(1)
            OutcomeCount.objects.create(day=DAY, outcome="good-fit", count=1)
            return 0
        return real_update(queryset, **kwargs)

    monkeypatch.setattr(QuerySet, "update", update_after_rival_insert)
    OutcomeCount.record("good-fit", day=DAY)
    assert OutcomeCount.objects.get(day=DAY, outcome="good-fit").count == 2


@pytest.mark.django_db
def test_record_refuses_an_unknown_outcome():
    with pytest.raises(ValueError):
        OutcomeCount.record("maybe", day=DAY)


# serialized_rollback: its flush must not re-create content types, or the next test that restores
# the starting content (PostgreSQL pass) collides with them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a real multi-connection database"
)
def test_concurrent_completions_are_all_counted_once():
    threads, per_thread = 8, 25

    def record_many():
        for _ in range(per_thread):
            OutcomeCount.record("good-fit", day=DAY)

    assert run_together(threads, record_many) == []
    assert OutcomeCount.objects.get(day=DAY, outcome="good-fit").count == threads * per_thread


@pytest.mark.django_db
def test_a_completion_token_counts_only_once():
    assert Completion.count_once("a" * 32, "good-fit")
    assert not Completion.count_once("a" * 32, "good-fit")
    assert not Completion.count_once("a" * 32, "detox-first")
    assert total_count() == 1


@pytest.mark.django_db
def test_a_final_post_that_still_finds_the_answers_elsewhere_is_not_counted_again(client):
    # Another server that read the session before this one flushed it still sees the answers.
    answer_all(client)
    session_before = dict(client.session.items())
    assert client.post(RESULT).status_code == 200
    replay = Client()
    session = replay.session
    session.update(session_before)
    session.save()
    replay.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    response = replay.post(RESULT)
    assert response.status_code == 200 and 'data-outcome="good-fit"' in html(response)
    assert total_count() == 1


@pytest.mark.django_db
def test_one_client_adds_only_a_few_completions_a_minute_but_sees_every_result(client):
    for _ in range(settings.SELF_CHECK_COMPLETIONS_PER_MINUTE + 4):
        answer_all(client, paths=("no", "no", "no"))
        response = client.post(RESULT)
        assert response.status_code == 200
        assert 'data-outcome="talk-it-through"' in html(response)
    assert total_count() == settings.SELF_CHECK_COMPLETIONS_PER_MINUTE
    # Another client is counted as usual.
    other = Client(REMOTE_ADDR="127.0.0.2")
    answer_all(other)
    other.post(RESULT)
    flow.forget_completions("127.0.0.2")
    assert total_count() == settings.SELF_CHECK_COMPLETIONS_PER_MINUTE + 1


def test_the_completion_counter_is_keyed_by_a_hash_not_the_address():
    key = flow._completions_key("203.0.113.7")
    assert "203.0.113.7" not in key and "203-0-113-7" not in key
    assert key != flow._completions_key("203.0.113.8")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a real multi-connection database"
)
def test_parallel_final_posts_of_one_self_check_count_once():
    first = Client()
    answer_all(first)
    cookie = first.cookies[settings.SESSION_COOKIE_NAME].value
    statuses = []

    def final_post():
        visitor = Client()
        visitor.cookies[settings.SESSION_COOKIE_NAME] = cookie
        statuses.append(visitor.post(RESULT).status_code)

    assert run_together(20, final_post) == []
    assert 200 in statuses and set(statuses) <= {200, 302}
    assert total_count() == 1
