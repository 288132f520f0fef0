from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.html import format_html

from . import rules

ME, LOVED_ONE = "me", "loved_one"
NONE_OF_THESE = "none"

CHOICE_TEMPLATE = "screening/includes/choice_field.html"
# A question that is the page's heading takes focus when the page opens (without JavaScript
# too), so keyboard and screen-reader users land on it after each step. An error summary
# earlier on the page takes focus instead: the first autofocus wins.
QUESTION_HEADINGS = {
    "h1": '<{} class="sc-question" tabindex="-1" autofocus>{}</{}>',
    "h2": '<{} class="sc-question">{}</{}>',
}
WHO_LABEL = "Who are you checking for?"
WHO_CHOICES = [
    (ME, "Me"),
    (LOVED_ONE, "Someone I care about, like a family member, partner or friend"),
]
PATH_CHOICES = [(rules.YES, "Yes"), (rules.NO, "No"), (rules.NOT_SURE, "Not sure")]
DETOX_CHOICES = {
    ME: [
        (rules.COMPLETED, "I have finished detox"),
        (rules.NOT_NEEDED, "I don't need detox"),
        (rules.STILL_NEED, "I still need detox"),
        (rules.NOT_SURE, "Not sure"),
    ],
    LOVED_ONE: [
        (rules.COMPLETED, "They have finished detox"),
        (rules.NOT_NEEDED, "They don't need detox"),
        (rules.STILL_NEED, "They still need detox"),
        (rules.NOT_SURE, "Not sure"),
    ],
}
SIGN_CHOICES = {
    ME: [
        (
            rules.SHAKES,
            "When I cut down, I get the shakes, sweats or a racing heart, "
            "or I see or hear things that are not there",
        ),
        (rules.SEIZURE_DT, "I have had a seizure or the DTs (delirium tremens) when I stopped"),
        (
            rules.DAILY_HEAVY,
            "I drink heavily every day, or take benzodiazepines (like Xanax or Valium) every day",
        ),
        (NONE_OF_THESE, "None of these"),
    ],
    LOVED_ONE: [
        (
            rules.SHAKES,
            "When they cut down, they get the shakes, sweats or a racing heart, "
            "or they see or hear things that are not there",
        ),
        (
            rules.SEIZURE_DT,
            "They have had a seizure or the DTs (delirium tremens) when they stopped",
        ),
        (
            rules.DAILY_HEAVY,
            "They drink heavily every day, or take benzodiazepines (like Xanax or Valium) "
            "every day",
        ),
        (NONE_OF_THESE, "None of these"),
    ],
}


def choices_for(step, who):
    if step == "who":
        return WHO_CHOICES
    if step == rules.DETOX:
        return DETOX_CHOICES[who]
    if step == rules.WARNING_SIGNS:
        return SIGN_CHOICES[who]
    return PATH_CHOICES


def answer_label(step, value, who):
    """How a stored answer reads on the check page."""
    labels = dict(choices_for(step, who))
    if step == rules.WARNING_SIGNS:
        return [labels[sign] for sign in value] or [labels[NONE_OF_THESE]]
    return [labels[value]]


def valid_stored_answer(step, value):
    if step == rules.WARNING_SIGNS:
        return isinstance(value, list) and set(value) <= set(rules.SIGNS)
    return isinstance(value, str) and value in dict(choices_for(step, ME))


class StepForm(forms.Form):
    """One question, its choices worded for the audience, rendered by crispy in a fieldset."""

    def __init__(self, *args, step, who, label, help_text="", heading="h1", **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        common = {
            # The question is the page's heading, inside the legend, so it is read out once.
            "label": format_html(QUESTION_HEADINGS[heading], heading, label, heading),
            "help_text": help_text,
            "choices": choices_for(step, who),
        }
        if step == rules.WARNING_SIGNS:
            self.fields["answer"] = forms.MultipleChoiceField(
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                error_messages={
                    "required": "Tick at least one box, or tick “None of these”.",
                    "invalid_choice": "Tick only the boxes shown.",
                    "invalid_list": "Tick only the boxes shown.",
                },
                **common,
            )
        else:
            self.fields["answer"] = forms.ChoiceField(
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={
                    "required": "Choose one answer.",
                    "invalid_choice": "Choose one of the answers shown.",
                },
                **common,
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field("answer", template=CHOICE_TEMPLATE))

    def clean_answer(self):
        answer = self.cleaned_data["answer"]
        if self.step != rules.WARNING_SIGNS:
            return answer
        if NONE_OF_THESE in answer and len(answer) > 1:
            raise forms.ValidationError(
                "You ticked “None of these” and a sign. Untick one of them.", code="conflict"
            )
        return [sign for sign in rules.SIGNS if sign in answer]

    @classmethod
    def initial_for(cls, step, answers):
        value = answers.get(step)
        if step == rules.WARNING_SIGNS and value is not None:
            return {"answer": value or [NONE_OF_THESE]}
        return {"answer": value} if value is not None else {}
