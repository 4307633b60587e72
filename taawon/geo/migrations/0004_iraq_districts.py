# Iraq's districts (admin 2) from geo/data/areas.csv. Some have no confirmed OCHA P-code (empty
# rather than guessed, as Lebanon's qada in 0003), so a district is also unique by its
# governorate and English name, the key its loader uses when the code is empty.

from django.db import migrations, models

from taawon.geo.areas import load_areas


def load(apps, schema_editor):
    load_areas(apps.get_model("geo", "Governorate"), apps.get_model("geo", "District"))


def unload(apps, schema_editor):
    apps.get_model("geo", "District").objects.filter(governorate__country="IQ").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("geo", "0003_lebanon_districts_and_localities"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="district",
            constraint=models.UniqueConstraint(
                fields=("governorate", "name_en"), name="geo_district_name_unique"
            ),
        ),
        migrations.RunPython(load, unload),
    ]
