"""The catalogue the project ships (training.catalogue): the ILO cooperative tools and the
programme's other subjects, with their language versions."""

from django.db import migrations


def load(apps, schema_editor):
    from taawon.training.catalogue import load_catalogue

    load_catalogue(apps.get_model("training", "Course"), apps.get_model("training", "CourseVersion"))


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
