from django.db import migrations, models


TRANSLATED = {
    "page": ["title", "nav_title", "summary", "body", "image_alt"],
    "sitesettings": ["hours", "home_intro"],
}


def english_from_the_original(apps, schema_editor):
    """The texts so far are English: they become the English column, and Spanish starts empty."""
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("content", model_name)
        for row in model.objects.all():
            for field in fields:
                setattr(row, f"{field}_en", getattr(row, field))
            row.save(update_fields=[f"{field}_en" for field in fields])


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0007_plainer_starting_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="page",
            name="body_en",
            field=models.TextField(
                help_text="The page text. Headings, paragraphs, lists, bold and links are kept; anything else (scripts, styles, colours) is removed when you save.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="body_es",
            field=models.TextField(
                help_text="The page text. Headings, paragraphs, lists, bold and links are kept; anything else (scripts, styles, colours) is removed when you save.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="image_alt_en",
            field=models.CharField(
                blank=True,
                help_text="Required when there is a picture: one sentence saying what it shows, read aloud to people who cannot see it. Example: A counselor talking with a client in a bright office.",
                max_length=200,
                null=True,
                verbose_name="picture description",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="image_alt_es",
            field=models.CharField(
                blank=True,
                help_text="Required when there is a picture: one sentence saying what it shows, read aloud to people who cannot see it. Example: A counselor talking with a client in a bright office.",
                max_length=200,
                null=True,
                verbose_name="picture description",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="nav_title_en",
            field=models.CharField(
                blank=True,
                help_text="A short name for the menu at the top of every page. Needed only for pages in the menu.",
                max_length=40,
                null=True,
                verbose_name="menu title",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="nav_title_es",
            field=models.CharField(
                blank=True,
                help_text="A short name for the menu at the top of every page. Needed only for pages in the menu.",
                max_length=40,
                null=True,
                verbose_name="menu title",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="summary_en",
            field=models.CharField(
                help_text="One or two sentences shown on the home page and to search engines (160 characters at most).",
                max_length=160,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="summary_es",
            field=models.CharField(
                help_text="One or two sentences shown on the home page and to search engines (160 characters at most).",
                max_length=160,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="title_en",
            field=models.CharField(
                help_text="The heading at the top of the page and in the browser tab.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="title_es",
            field=models.CharField(
                help_text="The heading at the top of the page and in the browser tab.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="home_intro_en",
            field=models.TextField(
                blank=True,
                default="",
                help_text="A few plain sentences at the top of the home page.",
                null=True,
                verbose_name="home page introduction",
            ),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="home_intro_es",
            field=models.TextField(
                blank=True,
                default="",
                help_text="A few plain sentences at the top of the home page.",
                null=True,
                verbose_name="home page introduction",
            ),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="hours_en",
            field=models.CharField(
                blank=True,
                help_text='When someone answers the phone, e.g. "Every day, 8am to 8pm". Leave empty to hide.',
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="hours_es",
            field=models.CharField(
                blank=True,
                help_text='When someone answers the phone, e.g. "Every day, 8am to 8pm". Leave empty to hide.',
                max_length=120,
                null=True,
            ),
        ),
        migrations.RunPython(english_from_the_original, migrations.RunPython.noop),
    ]
