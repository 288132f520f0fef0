import uuid

import django.utils.timezone
from django.db import migrations, models


def create_the_row(apps, schema_editor):
    apps.get_model("core", "PageGeneration").objects.create(pk=1, token=uuid.uuid4().hex)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="PageGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"verbose_name": "page cache generation"},
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
