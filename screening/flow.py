"""One self-check in progress: its answers (kept in the session only) and what follows from them.

A view builds one SelfCheck per request and asks it everything: may this step be shown, what does
it show, where next. The rules stay a pure function in rules.py.
"""

import time
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from core import pagecache

from . import rules
from . import vocabulary as v
from .models import PathBenefit, Question, ResultText

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

# A question that is the page's heading takes focus when the page opens (the start page has
# its own heading, so there the question is a sub-heading).
PAGE_HEADING, SUB_HEADING = "h1", "h2"


@dataclass(frozen=True)
class Step:
    """What one step shows: its question, choices and the answer already given."""

    name: str
    label: str
    help: str
    choices: list
    initial: dict
    heading: str
    number: int
    total: int
    back_url: str | None


def url(step, change=False):
    if step in (v.CHECK, v.RESULT):
        return reverse(f"screening:{step}")
    address = (
        reverse("screening:start")
        if step == v.WHO
        else reverse("screening:question", kwargs={"step": step})
    )
    return address + "?change=1" if change else address


class SelfCheck:
    def __init__(self, session):
        self.session = session
        self.answers = _load(session)
        self.steps = _steps_for(self.answers)

    @property
    def who(self):
        return self.answers.get(v.WHO)

    @property
    def started(self):
        return v.WHO in self.answers

    @property
    def first_unanswered(self):
        return next((step for step in self.steps if step not in self.answers), None)

    @property
    def is_complete(self):
        return self.first_unanswered is None

    def blocker(self, step):
        """The step to show instead of `step` (or CHECK), or None when `step` may be shown."""
        if step == v.CHECK:
            return self.first_unanswered
        if step not in self.steps:
            return self.first_unanswered or v.CHECK
        if step != v.WHO and not self.started:
            return v.WHO
        earlier = self.steps[: self.steps.index(step)]
        return next((s for s in earlier if s not in self.answers), None)

    def show(self, step, change=False):
        """What `step` shows, worded for the audience already chosen."""
        if step == v.WHO:
            label, help_text, heading = v.WHO_LABEL, "", SUB_HEADING
        else:
            # Kept between requests until staff save wording: one query fewer on every step.
            questions = pagecache.cached_until_edited(
                "self-check-questions", Question.objects.by_key
            )
            wording = questions[step].worded_for(self.who)
            label, help_text, heading = wording["text"], wording["help"], PAGE_HEADING
        number, total = self.progress(step)
        return Step(
            name=step,
            label=label,
            help=help_text,
            choices=v.choices_for(step, self.who),
            initial=self._initial(step),
            heading=heading,
            number=number,
            total=total,
            back_url=self.back_url(step, change),
        )

    def answer(self, step, value, change=False):
        """Keep `value` for `step` and return the address to go to next."""
        answers = {**self.answers, step: value}
        if step == v.DETOX and not rules.needs_warning_signs(value):
            answers.pop(v.WARNING_SIGNS, None)
        self.answers, self.steps = answers, _steps_for(answers)
        self.session[SESSION_KEY] = answers
        self.session[SAVED_AT_KEY] = time.time()
        self.session.set_expiry(0)
        if change:
            pending = self.first_unanswered
            return url(pending, change=True) if pending else url(v.CHECK)
        pages = [*self.steps, v.CHECK]
        return url(pages[pages.index(step) + 1])

    def progress(self, step):
        """(N, M) for "Step N of M"; the check page is the last step."""
        pages = [*self.steps, v.CHECK]
        return pages.index(step) + 1, len(pages)

    def back_url(self, step, change=False):
        if change:
            return url(v.CHECK)
        pages = [*self.steps, v.CHECK]
        index = pages.index(step)
        return url(pages[index - 1]) if index else None

    def answered_rows(self):
        """Each question as worded for the audience, its answer(s) and where to change it."""
        questions = Question.objects.by_key(self.steps[1:])
        return [
            {
                "question": (
                    v.WHO_LABEL if step == v.WHO else questions[step].worded_for(self.who)["text"]
                ),
                "answers": v.answer_labels(step, self.answers[step], self.who),
                "change_url": url(step, change=True),
            }
            for step in self.steps
        ]

    def result(self):
        return rules.evaluate({step: self.answers.get(step) for step in v.QUESTION_STEPS})

    def _initial(self, step):
        value = self.answers.get(step)
        if value is None:
            return {}
        if step == v.WARNING_SIGNS:
            return {"answer": value or [v.NONE_OF_THESE]}
        return {"answer": value}


def _load(session):
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
        if step in v.STEPS and v.is_valid_answer(step, value)
    }


def _steps_for(answers):
    steps = [v.WHO, *v.PATHS, v.DETOX]
    if rules.needs_warning_signs(answers.get(v.DETOX)):
        steps.append(v.WARNING_SIGNS)
    return steps


def shown_token(result, who):
    return signing.dumps([result.outcome, list(result.paths), who], salt=_SHOWN_SALT)


def read_shown(token):
    """(Result, who) from a recent shown_token, or None if missing, forged or too old."""
    try:
        outcome, paths, who = signing.loads(token, salt=_SHOWN_SALT, max_age=SHOWN_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if (
        outcome not in v.OUTCOMES
        or not isinstance(paths, list)
        or not set(paths) <= set(v.PATHS)
        or who not in v.AUDIENCES
    ):
        return None
    return rules.Result(outcome, tuple(paths)), who


def result_page(result, who):
    """What the result page shows for an outcome, worded for the audience."""
    text = ResultText.objects.by_key([result.outcome])[result.outcome].worded_for(who)
    benefits = PathBenefit.objects.by_key(list(result.paths)) if result.paths else {}
    return {
        "outcome": result.outcome,
        "for_loved_one": who == v.LOVED_ONE,
        # When IOP may not be the first step, honest alternatives to us are named.
        "offer_other_help": result.outcome == v.TALK_IT_THROUGH,
        "heading": text["heading"],
        "body": text["body"],
        "paths": [benefits[path].worded_for(who) for path in result.paths],
    }
