"""The starting self-check wording, so a fresh database is ready.

The texts are copied here as they were when this migration was written: a migration must not
change when the live starting wording (screening/wording.py) is edited later.
"""

from django.db import migrations

QUESTIONS = {
    "rather_not_live_in": {
        "text_me": "Are you ready to work on your recovery, but would rather "
        "not live at a treatment center while you do it?",
        "text_loved_one": "Is your loved one ready to work on their recovery, "
        "but would rather not live at a treatment center "
        "while they do it?",
        "help_me": "In inpatient rehab, also called residential rehab, you "
        "live at the center for a while. In IOP, you go home after "
        "each day of treatment.",
        "help_loved_one": "In inpatient rehab, also called residential rehab, "
        "people live at the center for a while. In IOP, "
        "they go home after each day of treatment.",
    },
    "stepping_down": {
        "text_me": "Have you finished an inpatient program, and do you want a next "
        "step to help you go back to everyday life?",
        "text_loved_one": "Has your loved one finished an inpatient program, and "
        "do they want a next step to help them go back to "
        "everyday life?",
        "help_me": "For example, you are about to leave, or just left, a rehab where you lived.",
        "help_loved_one": "For example, they are about to leave, or just left, a "
        "rehab where they lived.",
    },
    "relapse": {
        "text_me": "Were you in recovery before, then started drinking or using again, "
        "and now want help getting back on track?",
        "text_loved_one": "Was your loved one in recovery before, then started drinking "
        "or using again, and now wants help getting back on track?",
        "help_me": "This happens to many people. It does not mean you failed.",
        "help_loved_one": "This happens to many people. It does not mean they failed.",
    },
    "detox": {
        "text_me": "Which is true for you about detox?",
        "text_loved_one": "Which is true for your loved one about detox?",
        "help_me": "Detox is when your body clears alcohol or drugs after you stop. "
        "Stopping alcohol, benzodiazepines or opioids can be dangerous without "
        "medical care.",
        "help_loved_one": "Detox is when the body clears alcohol or drugs after someone "
        "stops. Stopping alcohol, benzodiazepines or opioids can be "
        "dangerous without medical care.",
    },
    "warning_signs": {
        "text_me": "Do any of these happen to you? Tick all that apply.",
        "text_loved_one": "Do any of these happen to your loved one? Tick all that apply.",
        "help_me": "These can be signs that stopping all at once is not safe without a doctor.",
        "help_loved_one": "These can be signs that stopping all at once is not "
        "safe for them without a doctor.",
    },
}

RESULTS = {
    "good-fit": {
        "heading_me": "IOP may be a good fit for you",
        "heading_loved_one": "IOP may be a good fit for your loved one",
        "body_me": "From your answers, intensive outpatient treatment (IOP) may be a "
        "good fit for you. This is not a final answer. A free assessment "
        "with our team decides what care is right for you.",
        "body_loved_one": "From your answers, intensive outpatient treatment (IOP) may "
        "be a good fit for your loved one. This is not a final "
        "answer. A free assessment with our team decides what care is "
        "right for them.",
    },
    "detox-first": {
        "heading_me": "Start with safe detox, with medical care",
        "heading_loved_one": "Your loved one should start with safe detox, with medical care",
        "body_me": "Your answers show you may need detox first. Please do not stop "
        "drinking or taking benzodiazepines all at once on your own. "
        "Stopping suddenly can cause seizures and can be deadly.\n"
        "\n"
        "Detox with a medical team comes first, to keep you safe. We can "
        "help you set it up. IOP may be a good next step after detox.",
        "body_loved_one": "Your answers show your loved one may need detox first. "
        "They should not stop drinking or taking benzodiazepines "
        "all at once on their own. Stopping suddenly can cause "
        "seizures and can be deadly.\n"
        "\n"
        "Detox with a medical team comes first, to keep them safe. "
        "We can help set it up. IOP may be a good next step after "
        "detox.",
    },
    "talk-it-through": {
        "heading_me": "Let's talk it through",
        "heading_loved_one": "Let's talk it through",
        "body_me": "From your answers, it is not clear that IOP is the best "
        "first step for you. Another kind of care may fit better, or "
        "we may need to know a bit more. A short, free call can help "
        "you decide what to do next.",
        "body_loved_one": "From your answers, it is not clear that IOP is the "
        "best first step for your loved one. Another kind of "
        "care may fit better, or we may need to know a bit "
        "more. A short, free call can help you decide what to "
        "do next.",
    },
}

PATH_BENEFITS = {
    "rather_not_live_in": {
        "matched_me": "You want to recover, and you would rather live at home.",
        "matched_loved_one": "Your loved one wants to recover, and would rather live at home.",
        "benefit_me": "IOP is part-time. You can keep up with work, school or "
        "family while you get treatment.",
        "benefit_loved_one": "IOP is part-time. They can keep up with work, "
        "school or family while they get treatment.",
        "warning_me": "",
        "warning_loved_one": "",
    },
    "stepping_down": {
        "matched_me": "You finished an inpatient program and want a next step.",
        "matched_loved_one": "Your loved one finished an inpatient program and wants a next step.",
        "benefit_me": "IOP still has a clear structure, and people who check in on "
        "how you are doing. That kind of support is a big part of "
        "staying sober.",
        "benefit_loved_one": "IOP still has a clear structure, and people who "
        "check in on how they are doing. That kind of support "
        "is a big part of staying sober.",
        "warning_me": "",
        "warning_loved_one": "",
    },
    "relapse": {
        "matched_me": "You were in recovery, started again, and want to get back on track.",
        "matched_loved_one": "Your loved one was in recovery, started again, and wants "
        "to get back on track.",
        "benefit_me": "IOP gives you a safe place to talk about the hard parts of early "
        "recovery in daily life, and to work through them.",
        "benefit_loved_one": "IOP gives them a safe place to talk about the hard parts "
        "of early recovery in daily life, and to work through them.",
        "warning_me": "Stay safe: after a break, your body can handle much less than "
        "before. Using the amount you used to can cause an overdose. Keep "
        "naloxone (Narcan) with you, and do not use alone.",
        "warning_loved_one": "Stay safe: after a break, their body can handle much less "
        "than before. Using the amount they used to can cause an "
        "overdose. Keep naloxone (Narcan) close by, and learn how "
        "to use it.",
    },
}

TABLES = [
    ("Question", QUESTIONS),
    ("ResultText", RESULTS),
    ("PathBenefit", PATH_BENEFITS),
]


def add_wording(apps, schema_editor):
    for model_name, texts in TABLES:
        model = apps.get_model("screening", model_name)
        for position, (key, fields) in enumerate(texts.items()):
            model.objects.get_or_create(key=key, defaults={"position": position, **fields})


def remove_wording(apps, schema_editor):
    for model_name, _ in TABLES:
        apps.get_model("screening", model_name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]

    operations = [migrations.RunPython(add_wording, remove_wording)]
