"""The self-check: one question per page, a check page, then the result shown once.

Answers live only in the session under one key, travel by POST only, and are never logged.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from core import pagecache

from . import flow, rules
from .forms import WHO_LABEL, StepForm
from .models import OutcomeCount, Question
from .presenters import answered_questions, result_context

START_AGAIN = (
    "We could not find your answers. They are cleared when you start over, when your result "
    "is shown, or after an hour. Please start again."
)
ANSWER_FIRST = "Please answer this question first."


def _redirect_to_blocker(request, blocker, answers, change=False):
    if flow.WHO not in answers:
        messages.info(request, START_AGAIN)
        return redirect(flow.url(flow.WHO))
    if blocker != "check":
        messages.info(request, ANSWER_FIRST)
    return redirect(flow.url(blocker, change and blocker != "check"))


def _after_answer(request, step, answers, change):
    if change:
        pending = flow.first_unanswered(answers)
        return redirect(flow.url(pending, change=True) if pending else flow.url("check"))
    return redirect(flow.url(flow.following(step, answers)))


@sensitive_variables()
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def start(request):
    answers = flow.load(request.session)
    change = request.GET.get("change") == "1"
    data = request.POST if request.method == "POST" else None
    form = StepForm(
        data,
        step=flow.WHO,
        who=answers.get(flow.WHO),
        label=WHO_LABEL,
        heading="h2",
        initial=StepForm.initial_for(flow.WHO, answers),
    )
    if form.is_valid():
        answers = flow.with_answer(answers, flow.WHO, form.cleaned_data["answer"])
        flow.save(request.session, answers)
        return _after_answer(request, flow.WHO, answers, change)
    return render(
        request,
        "screening/start.html",
        {
            "form": form,
            "change": change,
            "step_answered": bool(answers),
            **_step_context(flow.WHO, answers, change),
        },
    )


@sensitive_variables()
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def question(request, step):
    if step not in flow.QUESTION_STEPS:
        raise Http404
    answers = flow.load(request.session)
    change = request.GET.get("change") == "1"
    blocker = flow.blocker_for(step, answers)
    if blocker or flow.WHO not in answers:
        return _redirect_to_blocker(request, blocker, answers, change)
    who = answers[flow.WHO]
    # Kept between requests until staff save wording: one query fewer on every step.
    questions = pagecache.cached_until_edited("self-check-questions", Question.objects.by_key)
    wording = questions[step].worded_for(who)
    data = request.POST if request.method == "POST" else None
    form = StepForm(
        data,
        step=step,
        who=who,
        label=wording["text"],
        help_text=wording["help"],
        initial=StepForm.initial_for(step, answers),
    )
    if form.is_valid():
        answers = flow.with_answer(answers, step, form.cleaned_data["answer"])
        flow.save(request.session, answers)
        return _after_answer(request, step, answers, change)
    return render(
        request,
        "screening/question.html",
        {"form": form, "change": change, **_step_context(step, answers, change)},
    )


@sensitive_variables()
@never_cache
@require_http_methods(["GET", "HEAD"])
def check(request):
    answers = flow.load(request.session)
    if not flow.is_complete(answers):
        return _redirect_to_blocker(request, flow.first_unanswered(answers), answers)
    return render(
        request,
        "screening/check.html",
        {"rows": answered_questions(answers), **_step_context("check", answers, False)},
    )


@sensitive_variables()
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def result(request):
    """Work out the result, count it once, forget the answers, and show it in this response.

    Trade-off: there is no redirect to a result page, because a page to redirect to would need
    the answers or the outcome kept on the server. So the result exists only in this response
    (marked no-store): a replayed POST finds no answers, is sent to the start with a message,
    and is not counted again. The price is that the result cannot be reloaded later.

    One exception, for double clicks: the browser drops the first POST's response and shows the
    second's, which would find the answers already gone. So the response also sets a 30-second,
    signed, result-path-only cookie holding the outcome (not the answers); a repeat POST within
    that time shows the same result again and counts nothing.
    """
    answers = flow.load(request.session)
    if request.method != "POST":
        if flow.is_complete(answers):
            messages.info(request, "Check your answers, then choose “See my result”.")
            return redirect(flow.url("check"))
        return _redirect_to_blocker(request, flow.first_unanswered(answers), answers)
    if not flow.is_complete(answers):
        shown = flow.read_shown(request.COOKIES.get(flow.SHOWN_COOKIE, ""))
        if shown:
            return render(request, "screening/result.html", result_context(*shown))
        return _redirect_to_blocker(request, flow.first_unanswered(answers), answers)
    outcome = rules.evaluate(flow.rules_input(answers))
    OutcomeCount.record(outcome.outcome)
    # Nothing about this person stays on the server: the whole session row goes.
    request.session.flush()
    who = answers[flow.WHO]
    response = render(request, "screening/result.html", result_context(outcome, who))
    response.set_cookie(
        flow.SHOWN_COOKIE,
        flow.shown_token(outcome, who),
        max_age=flow.SHOWN_SECONDS,
        path=flow.url("result"),
        secure=request.is_secure(),
        httponly=True,
        samesite="Strict",
    )
    return response


@sensitive_post_parameters()
@never_cache
@require_POST
def start_over(request):
    request.session.flush()
    messages.info(request, "Your answers are cleared. You can start again.")
    response = redirect(flow.url(flow.WHO))
    response.delete_cookie(flow.SHOWN_COOKIE, path=flow.url("result"), samesite="Strict")
    return response


def _step_context(step, answers, change):
    number, total = flow.progress(step, answers)
    if change:
        back = flow.url("check")
    else:
        previous = flow.previous(step, answers)
        back = flow.url(previous) if previous else None
    return {"step": step, "step_number": number, "step_total": total, "back_url": back}
