import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .screening_helpers import START, question_url

# Real transactions, as in production: inside the usual test transaction every atomic block
# would add SAVEPOINT statements that production never sends. serialized_rollback brings back
# the pages and wording the migrations created, for the tests that run after this one.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STEPS = [
    (START, "me"),
    (question_url("rather_not_live_in"), "yes"),
    (question_url("stepping_down"), "no"),
    (question_url("relapse"), "no"),
    (question_url("detox"), "not_sure"),
    (question_url("warning_signs"), ["none"]),
]
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def test_every_screening_step_post_costs_at_most_three_queries(
    client, django_assert_max_num_queries
):
    client.get(START)
    for url, answer in STEPS:
        # Django counts the BEGIN and COMMIT around the session save as queries too: 3 + 2.
        with (
            django_assert_max_num_queries(5),
            CaptureQueriesContext(connection) as statements,
        ):
            response = client.post(url, {"answer": answer})
        assert response.status_code == 302, url
        queries = [
            query["sql"]
            for query in statements.captured_queries
            if not query["sql"].startswith(TRANSACTION_CONTROL)
        ]
        assert len(queries) <= 3, (url, queries)
