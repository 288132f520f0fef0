import datetime
import threading

import pytest
from django.db import connection, connections
from django.db.models.query import QuerySet

from screening.models import OutcomeCount

DAY = datetime.date(2026, 11, 27)


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
    barrier = threading.Barrier(threads)
    errors = []

    def worker():
        try:
            barrier.wait()
            for _ in range(per_thread):
                OutcomeCount.record("good-fit", day=DAY)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert errors == []
    assert OutcomeCount.objects.get(day=DAY, outcome="good-fit").count == threads * per_thread
