"""What the check and result pages show, built from the answers and the staff's wording."""

from . import flow
from .forms import WHO_CHOICES, WHO_LABEL, answer_label
from .models import PathBenefit, Question, ResultText


def answered_questions(answers):
    """Each question as worded for the audience, its answer(s) and where to change it."""
    who = answers[flow.WHO]
    steps = flow.steps_for(answers)[1:]
    wording = Question.objects.by_key(steps)
    rows = [
        {
            "question": WHO_LABEL,
            "answers": [dict(WHO_CHOICES)[who]],
            "change_url": flow.url(flow.WHO, change=True),
        }
    ]
    for step in steps:
        rows.append(
            {
                "question": wording[step].worded_for(who)["text"],
                "answers": answer_label(step, answers[step], who),
                "change_url": flow.url(step, change=True),
            }
        )
    return rows


def result_context(result, who):
    text = ResultText.objects.by_key([result.outcome])[result.outcome].worded_for(who)
    benefits = PathBenefit.objects.by_key(list(result.paths)) if result.paths else {}
    return {
        "outcome": result.outcome,
        "for_loved_one": who != "me",
        "heading": text["heading"],
        "body": text["body"],
        "paths": [benefits[path].worded_for(who) for path in result.paths],
    }
