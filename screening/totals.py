"""Self-check counts added up for staff: per week and per month, by outcome and by audience.

Plain functions over the daily counts; the admin only asks and renders. Weeks start on Monday.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from .models import AUDIENCE_CHOICES, OUTCOME_CHOICES, OutcomeCount

OUTCOMES = [key for key, _ in OUTCOME_CHOICES]
AUDIENCES = [key for key, _ in AUDIENCE_CHOICES]
# Told apart by more than hue: each also has its own place in the stack and in the table.
OUTCOME_COLOURS = {"good-fit": "#1b6b3a", "detox-first": "#a33a00", "talk-it-through": "#2456a6"}


@dataclass
class Period:
    start: datetime.date
    label: str
    by_outcome: dict = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    by_audience: dict = field(default_factory=lambda: dict.fromkeys(AUDIENCES, 0))

    @property
    def total(self):
        return sum(self.by_outcome.values())

    def outcome_cells(self):
        return [self.by_outcome[key] for key in OUTCOMES]

    def audience_cells(self):
        return [self.by_audience[key] for key in AUDIENCES]


def week_start(day):
    return day - datetime.timedelta(days=day.weekday())


def month_start(day):
    return day.replace(day=1)


def _months_before(first_of_month, months):
    index = first_of_month.year * 12 + first_of_month.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _add_up(starts, start_of, label):
    """One Period per start (oldest first), each holding the counts of its days."""
    periods = {start: Period(start, label(start)) for start in starts}
    rows = OutcomeCount.objects.filter(day__gte=starts[0]).values_list(
        "day", "outcome", "audience", "count"
    )
    for day, outcome, audience, count in rows:
        period = periods.get(start_of(day))
        if period is None or outcome not in period.by_outcome:
            continue
        period.by_outcome[outcome] += count
        period.by_audience[audience if audience in period.by_audience else ""] += count
    return [periods[start] for start in starts]


def weekly(today, weeks=12):
    """The last `weeks` weeks up to and including the one `today` is in."""
    this_week = week_start(today)
    starts = [this_week - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    return _add_up(starts, week_start, lambda start: f"Week of {start:%b} {start.day}, {start:%Y}")


def monthly(today, months=12):
    """The last `months` months up to and including the one `today` is in."""
    this_month = month_start(today)
    starts = [_months_before(this_month, n) for n in range(months - 1, -1, -1)]
    return _add_up(starts, month_start, lambda start: f"{start:%B %Y}")


@dataclass
class Bar:
    x: int
    label: str
    segments: list


def chart(periods, height=200, bar_width=28, gap=14, left=40, bottom=40, top=10):
    """Where each stacked bar and its pieces go in the SVG: one bar per period, one piece per
    outcome with any self-checks. The scale's top is a round number at or above the tallest bar.
    """
    tallest = max((period.total for period in periods), default=0)
    scale_top = _round_up(tallest)
    bars = []
    for index, period in enumerate(periods):
        x = left + gap + index * (bar_width + gap)
        y = top + height
        segments = []
        for key, label in OUTCOME_CHOICES:
            count = period.by_outcome[key]
            if not count:
                continue
            size = round(count * height / scale_top)
            y -= size
            segments.append(
                {"y": y, "height": size, "fill": OUTCOME_COLOURS[key], "title": f"{label}: {count}"}
            )
        bars.append(Bar(x, f"{period.start:%b} {period.start.day}", segments))
    ticks = [
        {"y": top + height - round(value * height / scale_top), "value": value}
        for value in (0, scale_top // 2, scale_top)
    ]
    return {
        "bars": bars,
        "ticks": ticks,
        "bar_width": bar_width,
        "left": left,
        "right": left + gap + len(periods) * (bar_width + gap),
        "base": top + height,
        "label_y": top + height + 18,
        "width": left + gap + len(periods) * (bar_width + gap) + 10,
        "height": top + height + bottom,
        "half_bar": bar_width // 2,
    }


def _round_up(number):
    """The smallest of 2, 4, 10, 20, 40, 100, ... at or above `number`: even, so half is whole."""
    step = 2
    while step < number:
        step = step * 5 // 2 if str(step)[0] == "4" else step * 2
    return step


def legend():
    return [
        {"label": label, "fill": OUTCOME_COLOURS[key], "key": key} for key, label in OUTCOME_CHOICES
    ]


def csv_text():
    """Every daily count: day, outcome, audience, self-checks, oldest first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["day", "outcome", "who it was for", "self-checks"])
    outcomes, audiences = dict(OUTCOME_CHOICES), dict(AUDIENCE_CHOICES)
    rows = OutcomeCount.objects.order_by("day", "outcome", "audience").values_list(
        "day", "outcome", "audience", "count"
    )
    for day, outcome, audience, count in rows:
        writer.writerow(
            [day.isoformat(), outcomes.get(outcome, outcome), audiences[audience], count]
        )
    return out.getvalue()
