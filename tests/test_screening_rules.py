"""The self-check rules, over every combination of answers, against docs/screening-rules.md."""

import itertools

import pytest

from screening import rules, vocabulary
from screening.rules import evaluate

ANY = object()
SOME = "some"  # at least one warning sign ticked
NONE = "none"  # "none of these"

# The table in docs/screening-rules.md, one row per line, first match wins:
# (detox answer, warning signs, at least one of criteria 1-3 is yes) -> outcome
TABLE = [
    ("still_need", ANY, ANY, "detox-first"),
    ("not_sure", SOME, ANY, "detox-first"),
    ("completed", ANY, True, "good-fit"),
    ("not_needed", ANY, True, "good-fit"),
    (ANY, ANY, ANY, "talk-it-through"),
]

PATH_KEYS = ["rather_not_live_in", "stepping_down", "relapse"]
PATH_VALUES = ["yes", "no", "not_sure"]
DETOX_VALUES = ["completed", "not_needed", "still_need", "not_sure"]
SIGN_SETS = [
    frozenset(combo)
    for size in range(4)
    for combo in itertools.combinations(["shakes", "seizure_dt", "daily_heavy"], size)
]


def expected(answers):
    signs = SOME if answers["detox"] == "not_sure" and answers["warning_signs"] else NONE
    any_yes = any(answers[key] == "yes" for key in PATH_KEYS)
    for detox, sign_cell, yes_cell, outcome in TABLE:
        if (
            detox in (ANY, answers["detox"])
            and sign_cell in (ANY, signs)
            and yes_cell in (ANY, any_yes)
        ):
            paths = (
                tuple(k for k in PATH_KEYS if answers[k] == "yes") if outcome == "good-fit" else ()
            )
            return outcome, paths
    raise AssertionError("the table has a catch-all row")


def every_combination():
    for values in itertools.product(PATH_VALUES, repeat=3):
        for detox in DETOX_VALUES:
            for signs in SIGN_SETS:
                yield {
                    **dict(zip(PATH_KEYS, values, strict=True)),
                    "detox": detox,
                    "warning_signs": signs,
                }


ALL_ANSWERS = list(every_combination())


def test_every_combination_is_covered():
    # 27 answers to criteria 1-3, 4 detox answers, 8 sets of warning signs.
    assert len(ALL_ANSWERS) == 27 * 4 * 8


def test_every_combination_matches_the_table():
    mismatches = []
    for answers in ALL_ANSWERS:
        result = evaluate(answers)
        if (result.outcome, result.paths) != expected(answers):
            mismatches.append((answers, result))
    assert mismatches == []


def test_all_three_outcomes_occur():
    assert {evaluate(a).outcome for a in ALL_ANSWERS} == set(vocabulary.OUTCOMES)


def test_mostly_not_sure_never_reads_as_a_good_fit():
    # Our reading: "mostly not sure" = 3 or 4 of the 4 criteria answered "not sure".
    mostly = [a for a in ALL_ANSWERS if [*map(a.get, PATH_KEYS), a["detox"]].count("not_sure") >= 3]
    assert mostly
    for answers in mostly:
        outcome = evaluate(answers).outcome
        needs_detox = answers["detox"] == "still_need" or (
            answers["detox"] == "not_sure" and answers["warning_signs"]
        )
        assert outcome == ("detox-first" if needs_detox else "talk-it-through"), answers


def test_warning_signs_only_count_when_detox_is_not_sure():
    base = {"rather_not_live_in": "yes", "stepping_down": "no", "relapse": "no"}
    ticked = {"shakes", "seizure_dt"}
    assert evaluate({**base, "detox": "completed", "warning_signs": ticked}).outcome == "good-fit"
    assert evaluate({**base, "detox": "not_sure", "warning_signs": ticked}).outcome == (
        "detox-first"
    )
    assert evaluate({**base, "detox": "not_sure", "warning_signs": set()}).outcome == (
        "talk-it-through"
    )


@pytest.mark.parametrize(
    ("answers", "outcome", "paths"),
    [
        (
            ("yes", "yes", "yes", "completed", ()),
            "good-fit",
            ("rather_not_live_in", "stepping_down", "relapse"),
        ),
        (("no", "no", "yes", "not_needed", ()), "good-fit", ("relapse",)),
        (("yes", "no", "no", "still_need", ()), "detox-first", ()),
        (("yes", "no", "no", "not_sure", ("daily_heavy",)), "detox-first", ()),
        (("no", "no", "no", "completed", ()), "talk-it-through", ()),
        (("not_sure", "not_sure", "not_sure", "not_needed", ()), "talk-it-through", ()),
        (("yes", "not_sure", "not_sure", "not_sure", ()), "talk-it-through", ()),
    ],
)
def test_worked_examples_give_their_outcome_and_paths(answers, outcome, paths):
    *criteria, detox, signs = answers
    result = evaluate(
        {**dict(zip(PATH_KEYS, criteria, strict=True)), "detox": detox, "warning_signs": set(signs)}
    )
    assert result == rules.Result(outcome, paths)


@pytest.mark.parametrize(
    "bad",
    [
        {"detox": "maybe"},
        {"relapse": "Yes"},
        {"detox": "not_sure", "warning_signs": {"headache"}},
    ],
)
def test_unknown_answers_are_refused(bad):
    answers = {
        "rather_not_live_in": "yes",
        "stepping_down": "no",
        "relapse": "no",
        "detox": "completed",
        "warning_signs": set(),
    }
    with pytest.raises(ValueError):
        evaluate({**answers, **bad})
