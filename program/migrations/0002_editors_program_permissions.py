"""Editors keep the program's facts, locations, licences, reviews and notices too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
# Everything in full, except the two single records (program facts, notices): those are changed.
GRANTS = [
    ("programfacts", ["change", "view"]),
    ("notices", ["change", "view"]),
    ("track", ["add", "change", "delete", "view"]),
    ("location", ["add", "change", "delete", "view"]),
    ("openinghours", ["add", "change", "delete", "view"]),
    ("credential", ["add", "change", "delete", "view"]),
    ("reviewer", ["add", "change", "delete", "view"]),
    ("articlereview", ["add", "change", "delete", "view"]),
]


def grant(apps, schema_editor):
    # On a fresh database permissions are made only after all migrations; make them now.
    config = apps.get_app_config("program")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="program",
        codename__in=[f"{action}_{model}" for model, actions in GRANTS for action in actions],
    )
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="program"))


class Migration(migrations.Migration):
    dependencies = [
        ("program", "0001_initial"),
        ("content", "0006_editors_group"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
