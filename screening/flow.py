"""The order of the self-check steps and the answers kept between them (in the session only)."""

import time

from django.core import signing
from django.urls import reverse

from . import rules
from .forms import LOVED_ONE, ME, valid_stored_answer

SESSION_KEY = "self_check"
SAVED_AT_KEY = "self_check_saved_at"
# Answers left alone are forgotten after an hour. The cookie itself ends when the browser closes,
# so on a shared device the next person does not find the self-check half done.
ANSWERS_LIFETIME_SECONDS = 60 * 60

# After the answers are flushed, a browser-side note of the outcome (no answers) lets a double
# click or a quick refresh see the same result again, without counting it twice.
SHOWN_COOKIE = "self_check_shown"
SHOWN_SECONDS = 30
_SHOWN_SALT = "screening.result-shown"

WHO = "who"
QUESTION_STEPS = (*rules.PATHS, rules.DETOX, rules.WARNING_SIGNS)


def load(session):
    """The answers in the session, dropping anything that is not a valid answer."""
    stored = session.get(SESSION_KEY)
    saved_at = session.get(SAVED_AT_KEY)
    if not isinstance(stored, dict) or not isinstance(saved_at, int | float):
        return {}
    if time.time() - saved_at > ANSWERS_LIFETIME_SECONDS:
        return {}
    return {
        step: value
        for step, value in stored.items()
        if step in (WHO, *QUESTION_STEPS) and valid_stored_answer(step, value)
    }


def save(session, answers):
    session[SESSION_KEY] = answers
    session[SAVED_AT_KEY] = time.time()
    session.set_expiry(0)


def with_answer(answers, step, value):
    """New answers with `step` set; a follow-up that no longer applies is dropped."""
    answers = {**answers, step: value}
    if step == rules.DETOX and not rules.needs_warning_signs(value):
        answers.pop(rules.WARNING_SIGNS, None)
    return answers


def steps_for(answers):
    steps = [WHO, *rules.PATHS, rules.DETOX]
    if rules.needs_warning_signs(answers.get(rules.DETOX)):
        steps.append(rules.WARNING_SIGNS)
    return steps


def first_unanswered(answers):
    return next((step for step in steps_for(answers) if step not in answers), None)


def is_complete(answers):
    return first_unanswered(answers) is None


def blocker_for(step, answers):
    """The step to send someone to instead of `step`, or None when `step` may be shown."""
    steps = steps_for(answers)
    if step not in steps:
        return first_unanswered(answers) or "check"
    earlier = steps[: steps.index(step)]
    return next((s for s in earlier if s not in answers), None)


def progress(step, answers):
    """(N, M) for "Step N of M"; the check page is the last step."""
    steps = [*steps_for(answers), "check"]
    return steps.index(step) + 1, len(steps)


def previous(step, answers):
    steps = steps_for(answers)
    if step == "check":
        return steps[-1]
    index = steps.index(step)
    return steps[index - 1] if index else None


def following(step, answers):
    steps = [*steps_for(answers), "check"]
    return steps[steps.index(step) + 1]


def url(step, change=False):
    if step in ("check", "result"):
        return reverse(f"screening:{step}")
    address = (
        reverse("screening:start")
        if step == WHO
        else reverse("screening:question", kwargs={"step": step})
    )
    return address + "?change=1" if change else address


def rules_input(answers):
    return {step: answers.get(step) for step in QUESTION_STEPS}


def shown_token(result, who):
    return signing.dumps([result.outcome, list(result.paths), who], salt=_SHOWN_SALT)


def read_shown(token):
    """(Result, who) from a recent shown_token, or None if missing, forged or too old."""
    try:
        outcome, paths, who = signing.loads(token, salt=_SHOWN_SALT, max_age=SHOWN_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if (
        outcome not in rules.OUTCOMES
        or not isinstance(paths, list)
        or not set(paths) <= set(rules.PATHS)
        or who not in (ME, LOVED_ONE)
    ):
        return None
    return rules.Result(outcome, tuple(paths)), who
