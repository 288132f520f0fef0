"""The longer wording fields become the page editor's HTML; the start page's points and the call
explanation move from the templates into editable records.

A row changes only while it is still plain text, so nothing staff formatted is touched. The texts
are copied here as they were when this migration was written (a migration must not change with
the live code).
"""

import html
import re

from django.db import migrations, models

RICH_FIELDS = {
    "question": ["help_me", "help_loved_one"],
    "resulttext": ["body_me", "body_loved_one"],
    "pathbenefit": ["benefit_me", "benefit_loved_one"],
}
HTML_START = re.compile(r"\s*<(p|ul|ol|h2|h3|h4|blockquote)[\s>]", re.IGNORECASE)
BLANK_LINES = re.compile(r"\n\s*\n")
# Only what this migration itself makes is turned back into plain text.
OWN_PARAGRAPHS = re.compile(r"<p>((?:[^<]|<br>)*)</p>")

CALL_ME = (
    "<h2>What happens when you call</h2><ul>"
    "<li>Someone from the [provider name] team answers.</li>"
    "<li>They ask about your drinking or drug use, health and past care. They may ask about "
    "insurance.</li>"
    "<li>The call is free and confidential. You do not have to sign up for anything.</li>"
    "</ul>"
)
CALL_LOVED_ONE = (
    "<h2>What happens when you call</h2><ul>"
    "<li>Someone from the [provider name] team answers.</li>"
    "<li>They ask about your loved one's drinking or drug use, health and past care. They "
    "may ask about insurance.</li>"
    "<li>The call is free and confidential. You do not have to sign up for anything.</li>"
    "<li>You can call to ask for help for someone else.</li>"
    "</ul>"
)
START_FACTS = (
    "<ul>"
    "<li>About 2 minutes: 4 or 5 short questions, one per page.</li>"
    "<li>It is a self-check, not a diagnosis. A free call or assessment gives you a real "
    "answer.</li>"
    "<li>Nothing is stored about you. Your answers are deleted as soon as you see your "
    "result, or after an hour.</li>"
    "<li>You can go back, change an answer, or start over at any time.</li>"
    "</ul>"
)
PAGE_TEXTS = [
    ("start_facts", START_FACTS, START_FACTS),
    ("about_call", CALL_ME, CALL_LOVED_ONE),
]


def paragraphs(text):
    """Blank-line paragraphs as <p> elements, the way the `linebreaks` filter showed them."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return ""
    return "\n\n".join(
        "<p>{}</p>".format(html.escape(part.strip(), quote=True).replace("\n", "<br>"))
        for part in BLANK_LINES.split(text)
    )


def plain(text):
    parts = OWN_PARAGRAPHS.findall(text)
    if not parts or OWN_PARAGRAPHS.sub("", text).strip():
        return None
    return "\n\n".join(html.unescape(part.replace("<br>", "\n")) for part in parts)


def _convert(apps, change):
    for model_name, fields in RICH_FIELDS.items():
        for row in apps.get_model("screening", model_name).objects.all():
            changed = {}
            for name in fields:
                new = change(getattr(row, name))
                if new is not None and new != getattr(row, name):
                    changed[name] = new
            if changed:
                type(row).objects.filter(pk=row.pk).update(**changed)


def to_html(apps, schema_editor):
    _convert(apps, lambda text: None if HTML_START.match(text) else paragraphs(text))
    PageText = apps.get_model("screening", "PageText")
    for position, (key, text_me, text_loved_one) in enumerate(PAGE_TEXTS):
        PageText.objects.get_or_create(
            key=key,
            defaults={"position": position, "text_me": text_me, "text_loved_one": text_loved_one},
        )


def to_plain(apps, schema_editor):
    _convert(apps, plain)



class Migration(migrations.Migration):

    dependencies = [
        ('screening', '0005_count_by_audience'),
    ]

    operations = [
        migrations.CreateModel(
            name='PageText',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(choices=[('start_facts', 'Start page: the points above the first question'), ('about_call', 'Result page: what happens when you call')], editable=False, max_length=30, unique=True, verbose_name='where')),
                ('position', models.PositiveSmallIntegerField(default=0, editable=False)),
                ('text_me', models.TextField(help_text='Format it with the toolbar; paragraphs, lists and links are kept. Write [provider name] where the provider\'s name from Site settings should go. The start page comes before visitors say who the check is for, so it shows this text until they choose. Worded for someone checking for themselves ("you").', verbose_name='text (for me)')),
                ('text_loved_one', models.TextField(help_text='Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for a loved one ("your loved one", "they").', verbose_name='text (for a loved one)')),
            ],
            options={
                'verbose_name': 'self-check page text',
                'ordering': ['position'],
                'abstract': False,
            },
        ),
        migrations.AlterField(
            model_name='pathbenefit',
            name='benefit_loved_one',
            field=models.TextField(help_text='Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for a loved one ("your loved one", "they").', verbose_name='how IOP helps (for a loved one)'),
        ),
        migrations.AlterField(
            model_name='pathbenefit',
            name='benefit_me',
            field=models.TextField(help_text='Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for themselves ("you").', verbose_name='how IOP helps (for me)'),
        ),
        migrations.AlterField(
            model_name='question',
            name='help_loved_one',
            field=models.TextField(blank=True, help_text='A short hint under the question. Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for a loved one ("your loved one", "they").', verbose_name='hint (for a loved one)'),
        ),
        migrations.AlterField(
            model_name='question',
            name='help_me',
            field=models.TextField(blank=True, help_text='A short hint under the question. Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for themselves ("you").', verbose_name='hint (for me)'),
        ),
        migrations.AlterField(
            model_name='resulttext',
            name='body_loved_one',
            field=models.TextField(help_text='Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for a loved one ("your loved one", "they").', verbose_name='text (for a loved one)'),
        ),
        migrations.AlterField(
            model_name='resulttext',
            name='body_me',
            field=models.TextField(help_text='Format it with the toolbar; paragraphs, lists and links are kept. Never promise a place: say "may be a good fit". Worded for someone checking for themselves ("you").', verbose_name='text (for me)'),
        ),
        migrations.RunPython(to_html, to_plain),
    ]
