"""One self-check in progress: its answers (kept in the session only) and what follows from them.

A view builds one SelfCheck per request and asks it everything: may this step be shown, what does
it show, where next. The rules stay a pure function in rules.py.
"""

import base64
import itertools
import json
import secrets
import time
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.html import format_html
from django.utils.translation import get_language

from core import pagecache

from . import rules
from . import vocabulary as v
from .fallback import any_in_english, worded
from .models import PageText, PathBenefit, Question, ResultText

SESSION_KEY = "self_check"
SAVED_AT_KEY = "self_check_saved_at"
FOLLOW_UP_KEY = "self_check_follow_up"
COMPLETION_KEY = "self_check_id"
# Answers left alone are forgotten after an hour. The cookie itself ends when the browser closes,
# so on a shared device the next person does not find the self-check half done.
ANSWERS_LIFETIME_SECONDS = 60 * 60

# After the answers are flushed, an encrypted cookie holding the outcome (no answers) lets a
# double click or a quick refresh see the same result again, without counting it twice.
SHOWN_COOKIE = "self_check_shown"
SHOWN_SECONDS = 30
# Longer than any outcome, paths and audience written out.
_SHOWN_PLAIN_BYTES = 128

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
    back_by_post: bool = False
    # The question or its hint shows the English fallback on a Spanish page.
    in_english: bool = False


# The pages, in order. The warning-signs follow-up is shown at the detox page's address, under
# its title and step number, so neither browser history nor an access log tells who was asked it
# (it is asked only after "not sure" about detox). The check page comes after the last page.
PAGES = (v.WHO, *v.PATHS, v.DETOX)


def page_of(step):
    return v.DETOX if step == v.WARNING_SIGNS else step


def url(step, change=False):
    if step in (v.CHECK, v.RESULT):
        return reverse(f"screening:{step}")
    page = page_of(step)
    address = (
        reverse("screening:start")
        if page == v.WHO
        else reverse("screening:question", kwargs={"page": page})
    )
    return address + "?change=1" if change else address


class SelfCheck:
    def __init__(self, session):
        self.session = session
        self.answers = _load(session)
        self.steps = _steps_for(self.answers)
        # Set right after detox is answered "not sure": the detox page then shows the follow-up.
        self.follow_up_open = session.get(FOLLOW_UP_KEY) is True and v.WARNING_SIGNS in self.steps
        if self.answers:
            _keep_an_hour_at_most(session)

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

    def question_on(self, page):
        """Which question the page `page` asks now."""
        return v.WARNING_SIGNS if page == v.DETOX and self.follow_up_open else page

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
            wording = worded(questions[step], self.who)
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
            back_by_post=step == v.WARNING_SIGNS,
            in_english=any_in_english(label, help_text),
        )

    def answer(self, step, value, change=False):
        """Keep `value` for `step` and return the address to go to next."""
        answers = {**self.answers, step: value}
        if step == v.DETOX and not rules.needs_warning_signs(value):
            answers.pop(v.WARNING_SIGNS, None)
        self.answers, self.steps = answers, _steps_for(answers)
        self.follow_up_open = step == v.DETOX and v.WARNING_SIGNS in self.steps
        self.session[SESSION_KEY] = answers
        self.session[SAVED_AT_KEY] = time.time()
        self.session[FOLLOW_UP_KEY] = self.follow_up_open
        self.session.setdefault(COMPLETION_KEY, secrets.token_hex(16))
        _keep_an_hour_at_most(self.session)
        if self.follow_up_open:
            return url(v.WARNING_SIGNS, change)
        if change:
            pending = self.first_unanswered
            return url(pending, change=True) if pending else url(v.CHECK)
        return url(PAGES[PAGES.index(step) + 1] if step in PAGES[:-1] else v.CHECK)

    def back_from_follow_up(self, change=False):
        """Back from the follow-up to the detox question: the same address, so say it here."""
        self.follow_up_open = False
        self.session[FOLLOW_UP_KEY] = False
        return url(v.DETOX, change)

    def progress(self, step):
        """(N, M) for "Step N of M"; the check page is the last step. Every visitor sees the
        same M, whether or not the follow-up is asked."""
        pages = [*PAGES, v.CHECK]
        return pages.index(page_of(step)) + 1, len(pages)

    def back_url(self, step, change=False):
        """Where Back goes, or None: from the follow-up it is a POST (see back_from_follow_up)."""
        if step == v.WARNING_SIGNS:
            return None
        if change:
            return url(v.CHECK)
        pages = [*PAGES, v.CHECK]
        index = pages.index(step)
        return url(pages[index - 1]) if index else None

    @property
    def completion_token(self):
        """A random id of this self-check (not of the person), so it is counted only once."""
        token = self.session.get(COMPLETION_KEY)
        return token if isinstance(token, str) and len(token) == 32 else None

    def answered_rows(self):
        """Each question as worded for the audience, its answer(s) and where to change it."""
        questions = Question.objects.by_key(self.steps[1:])
        return [
            {
                "question": (
                    v.WHO_LABEL if step == v.WHO else worded(questions[step], self.who)["text"]
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


def _keep_an_hour_at_most(session):
    """Every session store (Redis, files, database rows) honours a set expiry, so the answers
    are gone from it within the hour. Django would then also give the cookie a lifetime; this
    session's cookie still ends when the browser closes (a shared device keeps nothing)."""
    # The sweep that deletes expired files and rows runs this often, so expire that much sooner.
    session.set_expiry(max(ANSWERS_LIFETIME_SECONDS - settings.IOP_SESSION_SWEEP_SECONDS, 60))
    session.get_expire_at_browser_close = lambda: True


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
    steps = list(PAGES)
    if rules.needs_warning_signs(answers.get(v.DETOX)):
        steps.append(v.WARNING_SIGNS)
    return steps


def shown_token(result, who, now=None):
    """The result just shown, encrypted, for a repeat POST in the next few seconds.

    Encrypted and authenticated with a key from SECRET_KEY, so the cookie reads as nothing and
    cannot be forged, and any server or worker process can read it back without keeping
    anything. The plain text is padded to one length, so neither can the cookie's size tell.
    """
    plain = json.dumps([result.outcome, list(result.paths), who]).ljust(_SHOWN_PLAIN_BYTES)
    made_at = int(time.time() if now is None else now)
    return _shown_cipher().encrypt_at_time(plain.encode(), made_at).decode("ascii")


def read_shown(token):
    """(Result, who) from a recent shown_token, or None if missing, forged or too old."""
    try:
        plain = _shown_cipher().decrypt(token.encode("ascii"), ttl=SHOWN_SECONDS)
        outcome, paths, who = json.loads(plain)
    except (InvalidToken, UnicodeError, ValueError, TypeError):
        return None
    if (
        outcome not in v.OUTCOMES
        or not isinstance(paths, list)
        or not set(paths) <= set(v.PATHS)
        or who not in v.AUDIENCES
    ):
        return None
    return rules.Result(outcome, tuple(paths)), who


def _shown_cipher():
    key = salted_hmac("screening.result-shown", "cookie key", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def within_completion_limit(address):
    """Whether one more completion from this address may be counted this minute.

    The counter lives a minute in the cache under a keyed hash of the address: enough to stop
    one client inflating the counts, and the address itself is never kept.
    """
    key = _completions_key(address)
    try:
        cache.add(key, 0, 60)
        return cache.incr(key) <= settings.SELF_CHECK_COMPLETIONS_PER_MINUTE
    except Exception:
        # The cache is down or the counter just lapsed: count, rather than lose real ones.
        return True


def forget_completions(address):
    """Start this address's minute afresh (tests, which all come from one address)."""
    cache.delete(_completions_key(address))


def _completions_key(address):
    digest = salted_hmac("screening.completions", address or "").hexdigest()
    return f"self-check-completions:{digest}"


def result_page(request, result, who):
    """The result page's context: the part that depends on the answers, padded to one length.

    Every result (outcome, paths, audience) is as long as the longest in this language, so a
    response's size, visible even through TLS, does not tell which one it is.
    """
    wording = _result_wording()
    body = _result_body(request, result, who, wording)
    size = _longest_result(request, wording)
    if _measure(result, body) > size:
        # Wording or contact details changed since the longest was measured.
        size = _longest_result(request, wording, fresh=True)
    padding = " " * (size - _measure(result, body))
    return {"outcome": result.outcome, "result_body": format_html("{}{}", body, padding)}


def every_result():
    """Each distinct result the rules can give, for each audience."""
    good_fits = [
        paths
        for size in range(1, len(v.PATHS) + 1)
        for paths in itertools.combinations(v.PATHS, size)
    ]
    results = [
        rules.Result(v.DETOX_FIRST),
        rules.Result(v.TALK_IT_THROUGH),
        *(rules.Result(v.GOOD_FIT, paths) for paths in good_fits),
    ]
    return [(result, who) for result in results for who in v.AUDIENCES]


def _result_wording():
    return pagecache.cached_until_edited(
        "self-check-result-wording",
        lambda: (ResultText.objects.by_key(), PathBenefit.objects.by_key(), page_texts()),
    )


def page_texts():
    """The start page's points and the call explanation, kept until staff save wording."""
    return pagecache.cached_until_edited("self-check-page-texts", PageText.objects.by_key)


def preview_result_body(request, result, who, record):
    """The result's changing part with one wording record swapped for an unsaved copy."""
    texts, benefits, pages = (dict(part) for part in _result_wording())
    for part in (texts, benefits, pages):
        if type(record) is type(next(iter(part.values()))):
            part[record.key] = record
    return _result_body(request, result, who, (texts, benefits, pages))


def preview_step(step, who, record):
    """What a question page shows, worded from an unsaved copy of its record."""
    wording = worded(record, who)
    number, total = SelfCheck({}).progress(step)
    return Step(
        name=step,
        label=wording["text"],
        help=wording["help"],
        choices=v.choices_for(step, who),
        initial={},
        heading=PAGE_HEADING,
        number=number,
        total=total,
        back_url=None,
        in_english=any_in_english(wording["text"], wording["help"]),
    )


def _result_body(request, result, who, wording):
    texts, benefits, pages = wording
    text = worded(texts[result.outcome], who)
    paths = [worded(benefits[path], who) for path in result.paths]
    about_call = worded(pages[v.ABOUT_CALL], who)["text"]
    context = {
        "for_loved_one": who == v.LOVED_ONE,
        # When IOP may not be the first step, honest alternatives to us are named.
        "offer_other_help": result.outcome == v.TALK_IT_THROUGH,
        "heading": text["heading"],
        "body": text["body"],
        "paths": paths,
        "about_call": about_call,
        "in_english": any_in_english(
            *text.values(), *(part for path in paths for part in path.values()), about_call
        ),
    }
    return render_to_string("screening/includes/result_body.html", context, request)


def _measure(result, body):
    # The outcome is also named in the page's data-outcome attribute.
    return len(body.encode()) + len(result.outcome.encode())


def _longest_result(request, wording, fresh=False):
    def measure_all():
        return max(
            _measure(result, _result_body(request, result, who, wording))
            for result, who in every_result()
        )

    if fresh:
        return measure_all()
    return pagecache.cached_until_edited(f"self-check-result-size:{get_language()}", measure_all)
