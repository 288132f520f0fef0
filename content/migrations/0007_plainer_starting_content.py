"""Plainer starting pages (reading grade 8 or lower per sentence), same facts.

Each sentence is only replaced where a page still holds it as the starting content wrote it: a
page staff have reworded keeps their words.
"""

from django.db import migrations

# slug -> field -> [(starting text, plainer text)]
CHANGES = {
    "what-is-iop": {
        "body": [
            (
                "<p>Intensive outpatient treatment, or IOP, is a program for people who want to "
                "stop drinking\nor using drugs.",
                "<p>Intensive outpatient treatment is called IOP for short. It is a program for "
                "people who want to stop drinking\nor using drugs.",
            ),
            (
                "<p>In inpatient rehab, also called residential rehab, you live at the treatment "
                "center for a\nwhile.",
                "<p>In inpatient rehab, you live at the treatment center for a\nwhile. You may hear it "
                "called residential rehab.",
            ),
            (
                "<p>Stopping alcohol, benzodiazepines or opioids all at once can be dangerous.",
                "<p>It can be unsafe to stop alcohol, opioids or pills like Xanax or Valium all "
                "at once.",
            ),
        ],
    },
    "who-is-iop-for": {
        "summary": [
            (
                "IOP can suit people who want to recover while living at home, people leaving "
                "inpatient care, and people getting back on track after a relapse.",
                "IOP can suit people who want to get better and still live at home. It can also "
                "help people leaving a rehab where they lived, or after a relapse.",
            ),
        ],
    },
}


def _apply(apps, old_index, new_index):
    Page = apps.get_model("content", "Page")
    for slug, fields in CHANGES.items():
        page = Page.objects.filter(slug=slug).first()
        if page is None:
            continue
        changed = []
        for name, pairs in fields.items():
            text = getattr(page, name)
            for pair in pairs:
                if pair[old_index] in text:
                    text = text.replace(pair[old_index], pair[new_index])
            if text != getattr(page, name):
                setattr(page, name, text)
                changed.append(name)
        if changed:
            page.save(update_fields=changed)


def plainer(apps, schema_editor):
    _apply(apps, 0, 1)


def as_before(apps, schema_editor):
    _apply(apps, 1, 0)


class Migration(migrations.Migration):
    dependencies = [("content", "0006_editors_group")]

    operations = [migrations.RunPython(plainer, as_before)]
