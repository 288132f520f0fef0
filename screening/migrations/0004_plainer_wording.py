"""Plainer starting questions (reading grade 8 or lower per sentence), same facts.

A question is only changed where it still holds the starting text: a staff edit stays as it is.
"""

from django.db import migrations

# key -> field -> (starting text, plainer text)
CHANGES = {
    "rather_not_live_in": {
        "text_me": (
            "Are you ready to work on your recovery, but would rather not live at a treatment "
            "center while you do it?",
            "Are you ready to get better, but would rather not live at a rehab to do it?",
        ),
        "text_loved_one": (
            "Is your loved one ready to work on their recovery, but would rather not live at a "
            "treatment center while they do it?",
            "Is your loved one ready to get better, but would rather not live at a rehab to do it?",
        ),
        "help_me": (
            "In inpatient rehab, also called residential rehab, you live at the center for a "
            "while. In IOP, you go home after each day of treatment.",
            "In inpatient rehab, you live at the center for a while. You may hear it called "
            "residential rehab. In IOP, you go home after each day of treatment.",
        ),
        "help_loved_one": (
            "In inpatient rehab, also called residential rehab, people live at the center for a "
            "while. In IOP, they go home after each day of treatment.",
            "In inpatient rehab, people live at the center for a while. You may hear it called "
            "residential rehab. In IOP, they go home after each day of treatment.",
        ),
    },
    "stepping_down": {
        "text_me": (
            "Have you finished an inpatient program, and do you want a next step to help you go "
            "back to everyday life?",
            "Have you finished a rehab where you lived, and do you want help going back to daily "
            "life?",
        ),
        "text_loved_one": (
            "Has your loved one finished an inpatient program, and do they want a next step to "
            "help them go back to everyday life?",
            "Has your loved one finished a rehab where they lived, and do they want help going "
            "back to daily life?",
        ),
    },
    "relapse": {
        "text_me": (
            "Were you in recovery before, then started drinking or using again, and now want "
            "help getting back on track?",
            "Did you stop drinking or using for a while, then start again, and now want help?",
        ),
        "text_loved_one": (
            "Was your loved one in recovery before, then started drinking or using again, and "
            "now wants help getting back on track?",
            "Did your loved one stop drinking or using for a while, then start again, and now "
            "want help?",
        ),
    },
    "detox": {
        "help_me": (
            "Detox is when your body clears alcohol or drugs after you stop. Stopping alcohol, "
            "benzodiazepines or opioids can be dangerous without medical care.",
            "Detox is when your body clears alcohol or drugs after you stop. It can be unsafe to "
            "stop alcohol, opioids or pills like Xanax or Valium on your own.",
        ),
        "help_loved_one": (
            "Detox is when the body clears alcohol or drugs after someone stops. Stopping "
            "alcohol, benzodiazepines or opioids can be dangerous without medical care.",
            "Detox is when the body clears alcohol or drugs after someone stops. It can be unsafe "
            "to stop alcohol, opioids or pills like Xanax or Valium on their own.",
        ),
    },
}


def _apply(apps, old_index, new_index):
    Question = apps.get_model("screening", "Question")
    for key, fields in CHANGES.items():
        for name, texts in fields.items():
            Question.objects.filter(key=key, **{name: texts[old_index]}).update(
                **{name: texts[new_index]}
            )


def plainer(apps, schema_editor):
    _apply(apps, 0, 1)


def as_before(apps, schema_editor):
    _apply(apps, 1, 0)


class Migration(migrations.Migration):
    dependencies = [("screening", "0003_completion")]

    operations = [migrations.RunPython(plainer, as_before)]
