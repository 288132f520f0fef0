"""Editors change the new self-check page texts, like the rest of the wording."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
CODENAMES = ["change_pagetext", "view_pagetext"]


def grant(apps, schema_editor):
    # On a fresh database permissions are made only after all migrations; make them now.
    config = apps.get_app_config("screening")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="screening", codename__in=CODENAMES
    )
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0006_rich_wording_and_page_texts"),
        ("content", "0006_editors_group"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
