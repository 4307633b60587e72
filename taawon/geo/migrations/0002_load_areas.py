from django.db import migrations

from taawon.geo.areas import load_areas, unload_areas


def load(apps, schema_editor):
    load_areas(apps.get_model("geo", "Governorate"), apps.get_model("geo", "District"))


def unload(apps, schema_editor):
    unload_areas(apps.get_model("geo", "Governorate"), apps.get_model("geo", "District"))


class Migration(migrations.Migration):

    dependencies = [
        ("geo", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
