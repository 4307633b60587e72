# Iraq's districts (admin 2) from geo/data/areas.csv. Some have no confirmed OCHA P-code, so a
# district's code may now be empty: unique only where set, and (governorate, name) unique.

from django.db import migrations, models

from taawon.geo.areas import load_areas


def load(apps, schema_editor):
    load_areas(apps.get_model("geo", "Governorate"), apps.get_model("geo", "District"))


def unload(apps, schema_editor):
    # Back to a schema where every district has a P-code: the districts without one go (the
    # file's districts with a code are those migration 0002 loads).
    apps.get_model("geo", "District").objects.filter(pcode="").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("geo", "0002_load_areas"),
    ]

    operations = [
        migrations.AlterField(
            model_name="district",
            name="pcode",
            field=models.CharField(blank=True, max_length=20, verbose_name="P-code"),
        ),
        migrations.AddConstraint(
            model_name="district",
            constraint=models.UniqueConstraint(
                condition=models.Q(("pcode", ""), _negated=True),
                fields=("pcode",),
                name="geo_district_pcode_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="district",
            constraint=models.UniqueConstraint(
                fields=("governorate", "name_en"), name="geo_district_name_unique"
            ),
        ),
        migrations.RunPython(load, unload),
    ]
