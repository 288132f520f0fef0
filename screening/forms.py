from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.utils.translation import gettext as _

from . import vocabulary as v


class AnswerForm(forms.Form):
    """Validates one step's answer against the choices that step shows.

    Rendered by crispy with our own template pack (templates/iop/): the question is the legend,
    the hint and any error sit between it and the choices.
    """

    def __init__(self, *args, step, action, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step.name
        common = {"label": step.label, "help_text": step.help, "choices": step.choices}
        if step.name == v.WARNING_SIGNS:
            self.fields["answer"] = forms.MultipleChoiceField(
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "required": _("Tick at least one box, or tick “None of these”."),
                    "invalid_choice": _("Tick only the boxes shown."),
                    "invalid_list": _("Tick only the boxes shown."),
                },
                **common,
            )
        else:
            self.fields["answer"] = forms.ChoiceField(
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose one answer."),
                    "invalid_choice": _("Choose one of the answers shown."),
                },
                **common,
            )
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_class = "sc-form"
        self.helper.attrs = {"novalidate": True}
        # Read by the pack's field template: the question is the page's heading, or a sub-heading
        # under the start page's own heading.
        self.helper.question_heading = step.heading
        self.helper.layout = Layout(Field("answer", css_class="form-check-input"))
        self.helper.add_input(Submit("continue", submit_label or _("Continue")))

    def clean_answer(self):
        answer = self.cleaned_data["answer"]
        if self.step != v.WARNING_SIGNS:
            return answer
        if v.NONE_OF_THESE in answer and len(answer) > 1:
            raise forms.ValidationError(
                _("You ticked “None of these” and a sign. Untick one of them."), code="conflict"
            )
        return [sign for sign in v.SIGNS if sign in answer]
