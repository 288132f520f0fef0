"""The self-check rules (docs/screening-rules.md): answers in, outcome and paths out.

Plain values only, so the rules can be tested over every combination without Django.
"""

from dataclasses import dataclass

from .vocabulary import (
    COMPLETED,
    DETOX,
    DETOX_ANSWERS,
    DETOX_FIRST,
    GOOD_FIT,
    NOT_NEEDED,
    NOT_SURE,
    PATH_ANSWERS,
    PATHS,
    SIGNS,
    STILL_NEED,
    TALK_IT_THROUGH,
    WARNING_SIGNS,
    YES,
)


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
