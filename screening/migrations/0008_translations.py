from django.db import migrations, models


TRANSLATED = {
    "question": ["text_me", "text_loved_one", "help_me", "help_loved_one"],
    "resulttext": ["heading_me", "heading_loved_one", "body_me", "body_loved_one"],
    "pathbenefit": [
        "matched_me",
        "matched_loved_one",
        "benefit_me",
        "benefit_loved_one",
        "warning_me",
        "warning_loved_one",
    ],
    "pagetext": ["text_me", "text_loved_one"],
}


def english_from_the_original(apps, schema_editor):
    """The texts so far are English: they become the English column, and Spanish starts empty."""
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("screening", model_name)
        for row in model.objects.all():
            for field in fields:
                setattr(row, f"{field}_en", getattr(row, field))
            row.save(update_fields=[f"{field}_en" for field in fields])


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0007_editors_page_text_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="pagetext",
            name="text_loved_one_en",
            field=models.TextField(
                help_text='Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for a loved one ("your loved one", "they").',
                null=True,
                verbose_name="text (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="pagetext",
            name="text_loved_one_es",
            field=models.TextField(
                help_text='Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for a loved one ("your loved one", "they").',
                null=True,
                verbose_name="text (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="pagetext",
            name="text_me_en",
            field=models.TextField(
                help_text='Format it with the toolbar; paragraphs, lists and links are kept. Write [provider name] where the provider\'s name from Site settings should go. The start page comes before visitors say who the check is for, so it shows this text until they choose. Worded for someone checking for themselves ("you").',
                null=True,
                verbose_name="text (for me)",
            ),
        ),
        migrations.AddField(
            model_name="pagetext",
            name="text_me_es",
            field=models.TextField(
                help_text='Format it with the toolbar; paragraphs, lists and links are kept. Write [provider name] where the provider\'s name from Site settings should go. The start page comes before visitors say who the check is for, so it shows this text until they choose. Worded for someone checking for themselves ("you").',
                null=True,
                verbose_name="text (for me)",
            ),
        ),
        migrations.AddField(
            model_name="pathbenefit",
            name="benefit_loved_one_en",
            field=models.TextField(
                help_text='Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for a loved one ("your loved one", "they").',
                null=True,
                verbose_name="how IOP helps (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="pathbenefit",
            name="benefit_loved_one_es",
            field=models.TextField(
                help_text='Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for a loved one ("your loved one", "they").',
                null=True,
                verbose_name="how IOP helps (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="pathbenefit",
            name="benefit_me_en",
            field=models.TextField(
                help_text='Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for themselves ("you").',
                null=True,
                verbose_name="how IOP helps (for me)",
            ),
        ),
        migrations.AddField(
            model_name="pathbenefit",
            name="benefit_me_es",
            field=models.TextField(
                help_text='Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for themselves ("you").',
                null=True,
                verbose_name="how IOP helps (for me)",
            ),
        ),
        migrations.AddField(
            model_name="pathbenefit",
            name="matched_loved_one_en",
            field=models.CharField(
                help_text='Worded for someone checking for a loved one ("your loved one", "they").',
                max_length=200,
                null=True,
                verbose_name="why it matched (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="pathbenefit",
            name="matched_loved_one_es",
            field=models.CharField(
                help_text='Worded for someone checking for a loved one ("your loved one", "they").',
                max_length=200,
                null=True,
                verbose_name="why it matched (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="pathbenefit",
            name="matched_me_en",
            field=models.CharField(
                help_text='Worded for someone checking for themselves ("you").',
                max_length=200,
                null=True,
                verbose_name="why it matched (for me)",
            ),
        ),
        migrations.AddField(
            model_name="pathbenefit",
            name="matched_me_es",
            field=models.CharField(
                help_text='Worded for someone checking for themselves ("you").',
                max_length=200,
                null=True,
                verbose_name="why it matched (for me)",
            ),
        ),
        migrations.AddField(
            model_name="pathbenefit",
            name="warning_loved_one_en",
            field=models.TextField(
                blank=True,
                help_text='Shown in a box after the benefit. Leave empty for none. Worded for someone checking for a loved one ("your loved one", "they").',
                null=True,
                verbose_name="safety warning (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="pathbenefit",
            name="warning_loved_one_es",
            field=models.TextField(
                blank=True,
                help_text='Shown in a box after the benefit. Leave empty for none. Worded for someone checking for a loved one ("your loved one", "they").',
                null=True,
                verbose_name="safety warning (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="pathbenefit",
            name="warning_me_en",
            field=models.TextField(
                blank=True,
                help_text='Shown in a box after the benefit. Leave empty for none. Worded for someone checking for themselves ("you").',
                null=True,
                verbose_name="safety warning (for me)",
            ),
        ),
        migrations.AddField(
            model_name="pathbenefit",
            name="warning_me_es",
            field=models.TextField(
                blank=True,
                help_text='Shown in a box after the benefit. Leave empty for none. Worded for someone checking for themselves ("you").',
                null=True,
                verbose_name="safety warning (for me)",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="help_loved_one_en",
            field=models.TextField(
                blank=True,
                help_text='A short hint under the question. Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for a loved one ("your loved one", "they").',
                null=True,
                verbose_name="hint (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="help_loved_one_es",
            field=models.TextField(
                blank=True,
                help_text='A short hint under the question. Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for a loved one ("your loved one", "they").',
                null=True,
                verbose_name="hint (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="help_me_en",
            field=models.TextField(
                blank=True,
                help_text='A short hint under the question. Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for themselves ("you").',
                null=True,
                verbose_name="hint (for me)",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="help_me_es",
            field=models.TextField(
                blank=True,
                help_text='A short hint under the question. Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for themselves ("you").',
                null=True,
                verbose_name="hint (for me)",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="text_loved_one_en",
            field=models.CharField(
                help_text='Worded for someone checking for a loved one ("your loved one", "they").',
                max_length=250,
                null=True,
                verbose_name="question (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="text_loved_one_es",
            field=models.CharField(
                help_text='Worded for someone checking for a loved one ("your loved one", "they").',
                max_length=250,
                null=True,
                verbose_name="question (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="text_me_en",
            field=models.CharField(
                help_text='Worded for someone checking for themselves ("you").',
                max_length=250,
                null=True,
                verbose_name="question (for me)",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="text_me_es",
            field=models.CharField(
                help_text='Worded for someone checking for themselves ("you").',
                max_length=250,
                null=True,
                verbose_name="question (for me)",
            ),
        ),
        migrations.AddField(
            model_name="resulttext",
            name="body_loved_one_en",
            field=models.TextField(
                help_text='Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for a loved one ("your loved one", "they").',
                null=True,
                verbose_name="text (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="resulttext",
            name="body_loved_one_es",
            field=models.TextField(
                help_text='Format it with the toolbar; paragraphs, lists and links are kept. Worded for someone checking for a loved one ("your loved one", "they").',
                null=True,
                verbose_name="text (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="resulttext",
            name="body_me_en",
            field=models.TextField(
                help_text='Format it with the toolbar; paragraphs, lists and links are kept. Never promise a place: say "may be a good fit". Worded for someone checking for themselves ("you").',
                null=True,
                verbose_name="text (for me)",
            ),
        ),
        migrations.AddField(
            model_name="resulttext",
            name="body_me_es",
            field=models.TextField(
                help_text='Format it with the toolbar; paragraphs, lists and links are kept. Never promise a place: say "may be a good fit". Worded for someone checking for themselves ("you").',
                null=True,
                verbose_name="text (for me)",
            ),
        ),
        migrations.AddField(
            model_name="resulttext",
            name="heading_loved_one_en",
            field=models.CharField(
                help_text='Worded for someone checking for a loved one ("your loved one", "they").',
                max_length=120,
                null=True,
                verbose_name="heading (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="resulttext",
            name="heading_loved_one_es",
            field=models.CharField(
                help_text='Worded for someone checking for a loved one ("your loved one", "they").',
                max_length=120,
                null=True,
                verbose_name="heading (for a loved one)",
            ),
        ),
        migrations.AddField(
            model_name="resulttext",
            name="heading_me_en",
            field=models.CharField(
                help_text='Worded for someone checking for themselves ("you").',
                max_length=120,
                null=True,
                verbose_name="heading (for me)",
            ),
        ),
        migrations.AddField(
            model_name="resulttext",
            name="heading_me_es",
            field=models.CharField(
                help_text='Worded for someone checking for themselves ("you").',
                max_length=120,
                null=True,
                verbose_name="heading (for me)",
            ),
        ),
        migrations.RunPython(english_from_the_original, migrations.RunPython.noop),
    ]
