from django.db import migrations
from django.db.models import F


def keep_the_english_choice(apps, schema_editor):
    """The schema.org term is the same in every language: the English column's value stays."""
    ProgramFacts = apps.get_model("program", "ProgramFacts")
    for row in ProgramFacts.objects.all():
        row.medical_specialty = row.medical_specialty_en or row.medical_specialty_es or ""
        row.save(update_fields=["medical_specialty"])


def back_to_english_column(apps, schema_editor):
    ProgramFacts = apps.get_model("program", "ProgramFacts")
    ProgramFacts.objects.update(medical_specialty_en=F("medical_specialty"))




class Migration(migrations.Migration):
    dependencies = [
        ("program", "0003_translations"),
    ]

    operations = [
        migrations.RunPython(keep_the_english_choice, back_to_english_column),
        migrations.RemoveField(model_name="programfacts", name="medical_specialty_en"),
        migrations.RemoveField(model_name="programfacts", name="medical_specialty_es"),
    ]
