"""The starting self-check wording (from screening/wording.py), so a fresh database is ready."""

from django.db import migrations

from screening import wording

TABLES = [
    ("Question", wording.QUESTIONS),
    ("ResultText", wording.RESULTS),
    ("PathBenefit", wording.PATH_BENEFITS),
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
