"""The self-check: one question per page, a check page, then the result shown once.

Answers live only in the session under one key, travel by POST only, and are never logged.
Each view loads the self-check from the session, asks it what may be shown, validates, records
and redirects to where it says is next.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from core.client_ip import client_ip

from . import flow
from . import vocabulary as v
from .fallback import any_in_english, worded
from .forms import AnswerForm
from .models import Completion

START_AGAIN = gettext_lazy(
    "We could not find your answers. They are cleared when you start over, when your result "
    "is shown, or after an hour. Please start again."
)
ANSWER_FIRST = gettext_lazy("Please answer this question first.")


@sensitive_variables()
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def step(request, page=v.WHO):
    # One address per page: the first question is the start page, not /question/who/.
    if page not in flow.PAGES or request.path != flow.url(page):
        raise Http404
    check = flow.SelfCheck(request.session)
    change = request.GET.get("change") == "1"
    question = check.question_on(page)
    blocker = check.blocker(question)
    if blocker:
        return _send_to(request, check, blocker, change)
    if request.method == "POST" and question == v.WARNING_SIGNS and "back" in request.POST:
        return redirect(check.back_from_follow_up(change))
    shown = check.show(question, change)
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        step=shown,
        action=request.get_full_path(),
        submit_label=_("Start the self-check") if question == v.WHO and not change else None,
        initial=shown.initial,
    )
    if form.is_valid():
        return redirect(check.answer(question, form.cleaned_data["answer"], change))
    context = {"form": form, "step": shown, "started": check.started}
    if question == v.WHO:
        facts = worded(flow.page_texts()[v.START_FACTS], check.who)["text"]
        context.update(facts=facts, in_english=any_in_english(facts))
        return render(request, "screening/start.html", context)
    return render(request, "screening/question.html", context)


@sensitive_variables()
@never_cache
@require_http_methods(["GET", "HEAD"])
def check(request):
    check = flow.SelfCheck(request.session)
    if not check.is_complete:
        return _send_to(request, check, check.first_unanswered)
    number, total = check.progress(v.CHECK)
    rows = check.answered_rows()
    return render(
        request,
        "screening/check.html",
        {
            "rows": rows,
            "in_english": any_in_english(*(row["question"] for row in rows)),
            "step": {"number": number, "total": total, "back_url": check.back_url(v.CHECK)},
        },
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
    result-path-only, encrypted cookie holding the outcome (not the answers); a repeat POST
    within that time shows the same result again and counts nothing.
    """
    check = flow.SelfCheck(request.session)
    if request.method != "POST":
        if check.is_complete:
            messages.info(request, _("Check your answers, then choose “See my result”."))
            return redirect(flow.url(v.CHECK))
        return _send_to(request, check, check.first_unanswered)
    if not check.is_complete:
        shown = flow.read_shown(request.COOKIES.get(flow.SHOWN_COOKIE, ""))
        if shown:
            return render(request, "screening/result.html", flow.result_page(request, *shown))
        return _send_to(request, check, check.first_unanswered)
    outcome = check.result()
    # Counted once per self-check however often this POST arrives, and only a few times a
    # minute per client; the visitor sees the result either way.
    Completion.count_once(
        check.completion_token,
        outcome.outcome,
        audience=check.who,
        within_limit=lambda: flow.within_completion_limit(client_ip(request)),
    )
    # Nothing about this person stays on the server: the whole session row goes.
    request.session.flush()
    response = render(
        request, "screening/result.html", flow.result_page(request, outcome, check.who)
    )
    response.set_cookie(
        flow.SHOWN_COOKIE,
        flow.shown_token(outcome, check.who),
        max_age=flow.SHOWN_SECONDS,
        path=flow.url(v.RESULT),
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
    messages.info(request, _("Your answers are cleared. You can start again."))
    response = redirect(flow.url(v.WHO))
    response.delete_cookie(flow.SHOWN_COOKIE, path=flow.url(v.RESULT), samesite="Strict")
    return response


def _send_to(request, check, target, change=False):
    """Redirect to the step that has to come first, saying why."""
    if not check.started:
        messages.info(request, START_AGAIN)
        return redirect(flow.url(v.WHO))
    if target != v.CHECK:
        messages.info(request, ANSWER_FIRST)
    return redirect(flow.url(target, change and target != v.CHECK))
