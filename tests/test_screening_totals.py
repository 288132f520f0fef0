import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import Permission

from screening import totals
from screening.models import OutcomeCount

from .html_checks import blocked_inline_code_in
from .screening_helpers import RESULT, answer_all, html

pytestmark = pytest.mark.django_db

LIST = "/admin/screening/outcomecount/"
TOTALS = "/admin/screening/outcomecount/totals/"
EXPORT = "/admin/screening/outcomecount/export.csv"
# A Wednesday.
TODAY = datetime.date(2026, 11, 25)


def counts(*rows):
    for day, outcome, audience, count in rows:
        OutcomeCount.objects.create(day=day, outcome=outcome, audience=audience, count=count)


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    return TODAY


def test_show_counts_on_the_filters_counts_self_checks_not_days(staff_client):
    counts(
        (days_ago(0), "detox-first", "me", 7),
        (days_ago(1), "detox-first", "me", 5),
        (days_ago(1), "good-fit", "loved_one", 3),
    )
    page = html(staff_client.get(LIST + "?_facets=True"))
    assert "Detox first (12)" in page and "Good fit (3)" in page
    assert "Talk it through (0)" in page
    assert "For themselves (12)" in page and "For a loved one (3)" in page
    # One filter's numbers follow the other filter's choice.
    page = html(staff_client.get(LIST + "?_facets=True&audience__exact=loved_one"))
    assert "Detox first (0)" in page and "Good fit (3)" in page


def test_the_count_list_says_how_many_self_checks_its_rows_hold(staff_client):
    counts(
        (days_ago(0), "detox-first", "me", 7),
        (days_ago(1), "good-fit", "", 4),
    )
    assert 'data-self-checks="11"' in html(staff_client.get(LIST))
    assert 'data-self-checks="4"' in html(staff_client.get(LIST + "?outcome__exact=good-fit"))
    assert 'data-self-checks="4"' in html(staff_client.get(LIST + "?audience__exact="))


def test_a_finished_self_check_is_counted_with_who_it_was_for(client):
    answer_all(client, who="loved_one")
    client.post(RESULT)
    answer_all(client)
    client.post(RESULT)
    assert sorted(OutcomeCount.objects.values_list("outcome", "audience", "count")) == [
        ("good-fit", "loved_one", 1),
        ("good-fit", "me", 1),
    ]


def test_record_keeps_each_audience_apart_and_refuses_an_unknown_one():
    OutcomeCount.record("good-fit", audience="me", day=TODAY)
    OutcomeCount.record("good-fit", audience="me", day=TODAY)
    OutcomeCount.record("good-fit", audience="loved_one", day=TODAY)
    assert sorted(OutcomeCount.objects.values_list("audience", "count")) == [
        ("loved_one", 1),
        ("me", 2),
    ]
    with pytest.raises(ValueError):
        OutcomeCount.record("good-fit", audience="neighbour", day=TODAY)


def test_weekly_totals_add_up_days_from_monday_by_outcome_and_audience():
    counts(
        (days_ago(0), "good-fit", "me", 2),  # Wednesday
        (days_ago(2), "good-fit", "loved_one", 3),  # Monday, same week
        (days_ago(3), "detox-first", "", 5),  # Sunday, the week before
        (days_ago(7 * 12), "talk-it-through", "me", 100),  # 12 weeks back: outside
    )
    weeks = totals.weekly(TODAY)
    assert len(weeks) == 12
    assert weeks[-1].start == datetime.date(2026, 11, 23)
    assert weeks[-1].by_outcome == {"good-fit": 5, "detox-first": 0, "talk-it-through": 0}
    assert weeks[-1].by_audience == {"me": 2, "loved_one": 3, "": 0}
    assert weeks[-2].by_outcome["detox-first"] == 5 and weeks[-2].by_audience[""] == 5
    assert weeks[0].start == datetime.date(2026, 9, 7)
    assert sum(week.total for week in weeks) == 10


def test_monthly_totals_cover_twelve_months_across_a_new_year():
    counts(
        (datetime.date(2026, 11, 1), "good-fit", "me", 2),
        (datetime.date(2026, 10, 31), "good-fit", "me", 4),
        (datetime.date(2025, 12, 31), "talk-it-through", "loved_one", 6),
        (datetime.date(2025, 11, 30), "talk-it-through", "loved_one", 50),
    )
    months = totals.monthly(TODAY)
    assert [month.start for month in (months[0], months[-2], months[-1])] == [
        datetime.date(2025, 12, 1),
        datetime.date(2026, 10, 1),
        datetime.date(2026, 11, 1),
    ]
    assert [month.total for month in months] == [6] + [0] * 9 + [4, 2]
    assert months[0].label == "December 2025"


def test_the_totals_page_shows_weeks_and_months_in_tables(staff_client, today):
    counts(
        (days_ago(0), "good-fit", "me", 2),
        (days_ago(1), "detox-first", "loved_one", 9),
        (days_ago(40), "talk-it-through", "", 4),
    )
    response = staff_client.get(TOTALS)
    assert response.status_code == 200
    page = html(response)
    weeks_table = page[page.index('id="weeks-table"') : page.index('id="months-table"')]
    this_week = weeks_table[weeks_table.index('data-start="2026-11-23"') :]
    this_week = this_week[: this_week.index("</tr>")]
    assert re.findall(r"<td>\s*(?:<strong>)?(\d+)", this_week) == [
        "2",
        "9",
        "0",
        "11",
        "2",
        "9",
        "0",
    ]
    months_table = page[page.index('id="months-table"') :]
    october = months_table[months_table.index('data-start="2026-10-01"') :]
    assert "October 2026" in october[: october.index("</tr>")]
    assert re.findall(r"<td>\s*(?:<strong>)?(\d+)", october[: october.index("</tr>")]) == [
        "0",
        "0",
        "4",
        "4",
        "0",
        "0",
        "4",
    ]


def test_the_chart_is_inline_svg_that_our_policy_allows(staff_client, today):
    counts((days_ago(0), "good-fit", "me", 3), (days_ago(0), "detox-first", "me", 1))
    response = staff_client.get(TOTALS)
    page = html(response)
    svg = page[page.index("<svg role=") : page.index("</svg>", page.index("<svg role="))]
    assert 'aria-labelledby="weeks-chart-title"' in svg
    assert svg.count("<g data-week=") == 12
    # This week's bar: good fit 3 below detox first 1, each with its number for a pointer.
    assert "Nov 23, Good fit: 3" in svg and "Nov 23, Detox first: 1" in svg
    assert 'fill="#1b6b3a"' in svg and 'fill="#a33a00"' in svg
    assert blocked_inline_code_in(response) == []
    assert "style=" not in svg and "<script" not in page.split("</head>")[1]
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)


def test_chart_bars_are_scaled_to_a_round_top():
    weeks = totals.weekly(TODAY)
    weeks[-1].by_outcome.update({"good-fit": 30, "detox-first": 10})
    weeks[-2].by_outcome.update({"talk-it-through": 20})
    drawn = totals.chart(weeks, height=200, top=10)
    assert [tick["value"] for tick in drawn["ticks"]] == [0, 20, 40]
    last, before = drawn["bars"][-1], drawn["bars"][-2]
    assert [(piece["y"], piece["height"]) for piece in last.segments] == [(60, 150), (10, 50)]
    assert [(piece["y"], piece["height"]) for piece in before.segments] == [(110, 100)]
    assert drawn["bars"][0].segments == []


def test_the_csv_export_lists_every_day_outcome_and_audience_as_an_attachment(staff_client, today):
    counts(
        (days_ago(0), "good-fit", "me", 2),
        (days_ago(0), "good-fit", "loved_one", 1),
        (days_ago(400), "detox-first", "", 8),
    )
    response = staff_client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="self-check-counts-2026-11-25.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["day", "outcome", "who it was for", "self-checks"],
        ["2025-10-21", "Detox first", "Not recorded", "8"],
        ["2026-11-25", "Good fit", "For a loved one", "1"],
        ["2026-11-25", "Good fit", "For themselves", "2"],
    ]


def test_the_count_list_links_to_totals_and_export(staff_client):
    page = html(staff_client.get(LIST))
    assert f'href="{TOTALS}"' in page and f'href="{EXPORT}"' in page


def test_staff_cannot_add_change_or_delete_counts(staff_client):
    counts((days_ago(0), "good-fit", "me", 2))
    row = OutcomeCount.objects.get()
    assert staff_client.get(LIST + "add/").status_code == 403
    assert staff_client.post(f"{LIST}{row.pk}/delete/").status_code == 403
    response = staff_client.post(LIST, {"action": "delete_selected", "_selected_action": [row.pk]})
    assert response.status_code in (200, 302)
    page = html(staff_client.get(f"{LIST}{row.pk}/change/"))
    assert 'name="count"' not in page and 'name="_save"' not in page
    assert 'value="delete_selected"' not in html(staff_client.get(LIST))
    row.refresh_from_db()
    assert row.count == 2


def test_totals_and_export_need_permission_to_view_counts(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="a-long-passphrase-here")
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get(TOTALS).status_code == 403
    assert client.get(EXPORT).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_outcomecount"))
    assert client.get(TOTALS).status_code == 200
    assert client.get(EXPORT).status_code == 200


def test_totals_and_export_send_the_signed_out_to_sign_in(client):
    for url in (TOTALS, EXPORT):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
