"""The self-check's fixed names: audiences, steps, answers, outcomes, and how each answer reads.

Rules, models, forms, flow, views and templates' context all take these from here, so each value
is typed once. The question wording itself is staff-edited (models), not here.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Who the self-check is about.
ME, LOVED_ONE = "me", "loved_one"
AUDIENCES = (ME, LOVED_ONE)

# The steps, in order. Criteria 1-3 double as the paths a good fit names.
WHO = "who"
RATHER_NOT_LIVE_IN, STEPPING_DOWN, RELAPSE = "rather_not_live_in", "stepping_down", "relapse"
PATHS = (RATHER_NOT_LIVE_IN, STEPPING_DOWN, RELAPSE)
DETOX, WARNING_SIGNS = "detox", "warning_signs"
QUESTION_STEPS = (*PATHS, DETOX, WARNING_SIGNS)
STEPS = (WHO, *QUESTION_STEPS)
# The pages after the questions.
CHECK, RESULT = "check", "result"
# Fixed texts around the questions: the start page's points, and the call explanation.
START_FACTS, ABOUT_CALL = "start_facts", "about_call"

# Answers.
YES, NO, NOT_SURE = "yes", "no", "not_sure"
COMPLETED, NOT_NEEDED, STILL_NEED = "completed", "not_needed", "still_need"
SHAKES, SEIZURE_DT, DAILY_HEAVY = "shakes", "seizure_dt", "daily_heavy"
# Ticked on the form only; stored as no signs at all.
NONE_OF_THESE = "none"
PATH_ANSWERS = (YES, NO, NOT_SURE)
DETOX_ANSWERS = (COMPLETED, NOT_NEEDED, STILL_NEED, NOT_SURE)
SIGNS = (SHAKES, SEIZURE_DT, DAILY_HEAVY)

# Outcomes.
GOOD_FIT, DETOX_FIRST, TALK_IT_THROUGH = "good-fit", "detox-first", "talk-it-through"
OUTCOMES = (GOOD_FIT, DETOX_FIRST, TALK_IT_THROUGH)

# How the first question and every answer read, per audience.
WHO_LABEL = _("Who are you checking for?")
WHO_CHOICES = [
    (ME, pgettext_lazy("who the self-check is for", "Me")),
    (LOVED_ONE, _("Someone I care about, like a family member, partner or friend")),
]
PATH_CHOICES = [(YES, _("Yes")), (NO, _("No")), (NOT_SURE, _("Not sure"))]
DETOX_CHOICES = {
    ME: [
        (COMPLETED, _("I have finished detox")),
        (NOT_NEEDED, _("I don't need detox")),
        (STILL_NEED, _("I still need detox")),
        (NOT_SURE, _("Not sure")),
    ],
    LOVED_ONE: [
        (COMPLETED, _("They have finished detox")),
        (NOT_NEEDED, _("They don't need detox")),
        (STILL_NEED, _("They still need detox")),
        (NOT_SURE, _("Not sure")),
    ],
}
SIGN_CHOICES = {
    ME: [
        (
            SHAKES,
            _(
                "When I cut down, I get the shakes, sweats or a racing heart, "
                "or I see or hear things that are not there"
            ),
        ),
        (SEIZURE_DT, _("I have had a seizure or the DTs (delirium tremens) when I stopped")),
        (
            DAILY_HEAVY,
            _("I drink a lot every day, or take pills like Xanax or Valium every day"),
        ),
        (NONE_OF_THESE, _("None of these")),
    ],
    LOVED_ONE: [
        (
            SHAKES,
            _(
                "When they cut down, they get the shakes, sweats or a racing heart, "
                "or they see or hear things that are not there"
            ),
        ),
        (
            SEIZURE_DT,
            _("They have had a seizure or the DTs (delirium tremens) when they stopped"),
        ),
        (
            DAILY_HEAVY,
            _("They drink a lot every day, or take pills like Xanax or Valium every day"),
        ),
        (NONE_OF_THESE, _("None of these")),
    ],
}


def choices_for(step, who):
    if step == WHO:
        return WHO_CHOICES
    if step == DETOX:
        return DETOX_CHOICES[who]
    if step == WARNING_SIGNS:
        return SIGN_CHOICES[who]
    return PATH_CHOICES


def answer_labels(step, value, who):
    """How a stored answer reads on the check page: one line per answer."""
    labels = dict(choices_for(step, who))
    if step == WARNING_SIGNS:
        return [labels[sign] for sign in value] or [labels[NONE_OF_THESE]]
    return [labels[value]]


def is_valid_answer(step, value):
    """Whether a stored value is one this step can hold (the session is not trusted blindly)."""
    if step == WARNING_SIGNS:
        return isinstance(value, list) and set(value) <= set(SIGNS)
    return isinstance(value, str) and value in dict(choices_for(step, ME))
