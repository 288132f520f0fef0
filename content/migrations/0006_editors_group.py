"""The "Editors" group: what a content editor needs, nothing about accounts or lockouts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
# (app label, model, actions). Pages in full; everything else may be changed but not made or
# removed: there is one site settings record and a fixed set of self-check texts, and the counts
# are only read.
GRANTS = [
    ("content", "page", ["add", "change", "delete", "view"]),
    ("content", "sitesettings", ["change", "view"]),
    ("screening", "question", ["change", "view"]),
    ("screening", "resulttext", ["change", "view"]),
    ("screening", "pathbenefit", ["change", "view"]),
    ("screening", "outcomecount", ["view"]),
]


def make_editors_group(apps, schema_editor):
    # On a fresh database permissions are made only after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name=GROUP)
    codenames = [
        (app_label, f"{action}_{model}")
        for app_label, model, actions in GRANTS
        for action in actions
    ]
    permissions = [
        permission
        for app_label, codename in codenames
        for permission in permission_model.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    ]
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0005_page_schedule_and_draft"),
        ("screening", "0002_starting_wording"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(make_editors_group, remove_editors_group)]
