from django.db import migrations

from taawon.occupations.isco08 import load_groups, unload_groups


def load(apps, schema_editor):
    load_groups(apps.get_model("occupations", "Occupation"))


def unload(apps, schema_editor):
    unload_groups(apps.get_model("occupations", "Occupation"))


class Migration(migrations.Migration):

    dependencies = [
        ("occupations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
