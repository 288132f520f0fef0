"""The self-check rules from PRODUCT.md ("Screening rules"): answers in, outcome and paths out.

Plain values only, so the rules can be tested over every combination without Django.
"""

from dataclasses import dataclass

YES, NO, NOT_SURE = "yes", "no", "not_sure"
COMPLETED, NOT_NEEDED, STILL_NEED = "completed", "not_needed", "still_need"
SHAKES, SEIZURE_DT, DAILY_HEAVY = "shakes", "seizure_dt", "daily_heavy"

GOOD_FIT, DETOX_FIRST, TALK_IT_THROUGH = "good-fit", "detox-first", "talk-it-through"
OUTCOMES = (GOOD_FIT, DETOX_FIRST, TALK_IT_THROUGH)

# Criteria 1-3 double as the paths a good fit names, in this order.
RATHER_NOT_LIVE_IN, STEPPING_DOWN, RELAPSE = "rather_not_live_in", "stepping_down", "relapse"
PATHS = (RATHER_NOT_LIVE_IN, STEPPING_DOWN, RELAPSE)
DETOX, WARNING_SIGNS = "detox", "warning_signs"

PATH_ANSWERS = (YES, NO, NOT_SURE)
DETOX_ANSWERS = (COMPLETED, NOT_NEEDED, STILL_NEED, NOT_SURE)
SIGNS = (SHAKES, SEIZURE_DT, DAILY_HEAVY)


@dataclass(frozen=True)
class Result:
    outcome: str
    paths: tuple[str, ...] = ()


def needs_warning_signs(detox_answer):
    """The warning-signs follow-up is asked only when the detox answer is "not sure"."""
    return detox_answer == NOT_SURE


def evaluate(answers):
    """Return the Result for a mapping of answers; the first matching row of the table decides.

    `answers[WARNING_SIGNS]` is a collection of SIGNS (empty for "none of these") and is only
    read when the detox answer is "not sure".

    "Mostly not sure" means 3 or 4 of the 4 criteria answered "not sure"; such answers can never
    reach a good fit (it needs a definite detox answer and a yes), so they fall to talk-it-through
    unless detox-first matches first.
    """
    detox = answers[DETOX]
    if detox not in DETOX_ANSWERS:
        raise ValueError(f"unknown detox answer {detox!r}")
    for path in PATHS:
        if answers[path] not in PATH_ANSWERS:
            raise ValueError(f"unknown answer {answers[path]!r} for {path}")
    signs = frozenset(answers.get(WARNING_SIGNS) or ()) if needs_warning_signs(detox) else set()
    if not signs <= set(SIGNS):
        raise ValueError(f"unknown warning signs {sorted(signs - set(SIGNS))!r}")

    if detox == STILL_NEED or signs:
        return Result(DETOX_FIRST)
    matched = tuple(path for path in PATHS if answers[path] == YES)
    if detox in (COMPLETED, NOT_NEEDED) and matched:
        return Result(GOOD_FIT, matched)
    return Result(TALK_IT_THROUGH)
