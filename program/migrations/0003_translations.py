from django.db import migrations, models


TRANSLATED = {
    "programfacts": [
        "who_for",
        "insurance",
        "self_pay",
        "cost_help",
        "family_support",
        "first_week",
        "medication",
        "relapse",
        "medical_specialty",
    ],
    "track": ["name"],
    "location": ["name", "access", "directions"],
    "credential": ["name"],
    "notices": ["nondiscrimination", "language_help"],
}


def english_from_the_original(apps, schema_editor):
    """The texts so far are English: they become the English column, and Spanish starts empty."""
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("program", model_name)
        for row in model.objects.all():
            for field in fields:
                setattr(row, f"{field}_en", getattr(row, field))
            row.save(update_fields=[f"{field}_en" for field in fields])


class Migration(migrations.Migration):
    dependencies = [
        ("program", "0002_editors_program_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="credential",
            name="name_en",
            field=models.CharField(
                help_text='What it is, e.g. "Outpatient treatment licence".',
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="credential",
            name="name_es",
            field=models.CharField(
                help_text='What it is, e.g. "Outpatient treatment licence".',
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="access_en",
            field=models.TextField(
                blank=True,
                help_text="Entrance, steps or ramp, lift, parking, accessible restroom.",
                null=True,
                verbose_name="getting in",
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="access_es",
            field=models.TextField(
                blank=True,
                help_text="Entrance, steps or ramp, lift, parking, accessible restroom.",
                null=True,
                verbose_name="getting in",
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="directions_en",
            field=models.TextField(
                blank=True,
                help_text="Directions in words: nearest bus or train stop, landmarks. No map links.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="directions_es",
            field=models.TextField(
                blank=True,
                help_text="Directions in words: nearest bus or train stop, landmarks. No map links.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="name_en",
            field=models.CharField(
                help_text='For example "Main clinic".', max_length=80, null=True
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="name_es",
            field=models.CharField(
                help_text='For example "Main clinic".', max_length=80, null=True
            ),
        ),
        migrations.AddField(
            model_name="notices",
            name="language_help_en",
            field=models.TextField(
                blank=True,
                help_text="How people can get free interpreters, translated papers and other aids.",
                null=True,
                verbose_name="notice of free language help",
            ),
        ),
        migrations.AddField(
            model_name="notices",
            name="language_help_es",
            field=models.TextField(
                blank=True,
                help_text="How people can get free interpreters, translated papers and other aids.",
                null=True,
                verbose_name="notice of free language help",
            ),
        ),
        migrations.AddField(
            model_name="notices",
            name="nondiscrimination_en",
            field=models.TextField(
                blank=True,
                help_text="Your notice, in plain words: who you serve without discrimination, who to contact with a complaint, and how.",
                null=True,
                verbose_name="notice of nondiscrimination",
            ),
        ),
        migrations.AddField(
            model_name="notices",
            name="nondiscrimination_es",
            field=models.TextField(
                blank=True,
                help_text="Your notice, in plain words: who you serve without discrimination, who to contact with a complaint, and how.",
                null=True,
                verbose_name="notice of nondiscrimination",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="cost_help_en",
            field=models.TextField(
                blank=True,
                help_text="Any help with cost: payment plans, sliding scale, help checking benefits.",
                null=True,
                verbose_name="help with cost",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="cost_help_es",
            field=models.TextField(
                blank=True,
                help_text="Any help with cost: payment plans, sliding scale, help checking benefits.",
                null=True,
                verbose_name="help with cost",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="family_support_en",
            field=models.TextField(
                blank=True,
                help_text="What you offer family members: family sessions, groups, education.",
                null=True,
                verbose_name="support for families",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="family_support_es",
            field=models.TextField(
                blank=True,
                help_text="What you offer family members: family sessions, groups, education.",
                null=True,
                verbose_name="support for families",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="first_week_en",
            field=models.TextField(
                blank=True,
                help_text="What happens in someone's first week, in plain words.",
                null=True,
                verbose_name="the first week",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="first_week_es",
            field=models.TextField(
                blank=True,
                help_text="What happens in someone's first week, in plain words.",
                null=True,
                verbose_name="the first week",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="insurance_en",
            field=models.TextField(
                blank=True,
                help_text="The insurance plans you accept, one per line.",
                null=True,
                verbose_name="insurance accepted",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="insurance_es",
            field=models.TextField(
                blank=True,
                help_text="The insurance plans you accept, one per line.",
                null=True,
                verbose_name="insurance accepted",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="medical_specialty_en",
            field=models.CharField(
                blank=True,
                choices=[("Psychiatric", "Psychiatric"), ("PrimaryCare", "Primary care")],
                help_text="Optional. Tells search engines the kind of care you give.",
                max_length=30,
                null=True,
                verbose_name="medical specialty (for search engines)",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="medical_specialty_es",
            field=models.CharField(
                blank=True,
                choices=[("Psychiatric", "Psychiatric"), ("PrimaryCare", "Primary care")],
                help_text="Optional. Tells search engines the kind of care you give.",
                max_length=30,
                null=True,
                verbose_name="medical specialty (for search engines)",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="medication_en",
            field=models.TextField(
                blank=True,
                help_text="Whether you offer or arrange medicines that help with alcohol or opioid use, and how.",
                null=True,
                verbose_name="medicines for recovery",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="medication_es",
            field=models.TextField(
                blank=True,
                help_text="Whether you offer or arrange medicines that help with alcohol or opioid use, and how.",
                null=True,
                verbose_name="medicines for recovery",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="relapse_en",
            field=models.TextField(
                blank=True,
                help_text="What happens if someone drinks or uses again during the program.",
                null=True,
                verbose_name="if someone slips back",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="relapse_es",
            field=models.TextField(
                blank=True,
                help_text="What happens if someone drinks or uses again during the program.",
                null=True,
                verbose_name="if someone slips back",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="self_pay_en",
            field=models.TextField(
                blank=True,
                help_text="What someone without insurance can do: self-pay rates or how to ask.",
                null=True,
                verbose_name="paying without insurance",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="self_pay_es",
            field=models.TextField(
                blank=True,
                help_text="What someone without insurance can do: self-pay rates or how to ask.",
                null=True,
                verbose_name="paying without insurance",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="who_for_en",
            field=models.TextField(
                blank=True,
                help_text='Who the program serves, in a sentence or two. Example: "Adults 18 and over who want help with alcohol or drugs."',
                null=True,
                verbose_name="who it is for",
            ),
        ),
        migrations.AddField(
            model_name="programfacts",
            name="who_for_es",
            field=models.TextField(
                blank=True,
                help_text='Who the program serves, in a sentence or two. Example: "Adults 18 and over who want help with alcohol or drugs."',
                null=True,
                verbose_name="who it is for",
            ),
        ),
        migrations.AddField(
            model_name="track",
            name="name_en",
            field=models.CharField(
                help_text='A short name people will recognise, e.g. "Morning group".',
                max_length=60,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="track",
            name="name_es",
            field=models.CharField(
                help_text='A short name people will recognise, e.g. "Morning group".',
                max_length=60,
                null=True,
            ),
        ),
        migrations.RunPython(english_from_the_original, migrations.RunPython.noop),
    ]
