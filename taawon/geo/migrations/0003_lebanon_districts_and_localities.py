from django.db import migrations, models
import django.db.models.deletion

from taawon.geo.areas import load_areas, load_localities


def load(apps, schema_editor):
    governorate = apps.get_model("geo", "Governorate")
    district = apps.get_model("geo", "District")
    # Again, now that a district may be without a P-code: Lebanon's qada come in.
    load_areas(governorate, district)
    load_localities(governorate, district, apps.get_model("geo", "Locality"))


def unload(apps, schema_editor):
    apps.get_model("geo", "Locality").objects.all().delete()
    apps.get_model("geo", "District").objects.filter(pcode__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("geo", "0002_load_areas"),
    ]

    operations = [
        migrations.AlterField(
            model_name="district",
            name="pcode",
            field=models.CharField(
                blank=True, max_length=20, null=True, unique=True, verbose_name="P-code"
            ),
        ),
        migrations.CreateModel(
            name="Locality",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(blank=True, max_length=20, verbose_name="code")),
                ("name_en", models.CharField(max_length=100, verbose_name="name (English)")),
                ("name_ar", models.CharField(max_length=100, verbose_name="name (Arabic)")),
                ("other_names", models.CharField(blank=True, max_length=200, verbose_name="other spellings")),
                ("latitude", models.DecimalField(decimal_places=5, max_digits=8, verbose_name="latitude")),
                ("longitude", models.DecimalField(decimal_places=5, max_digits=8, verbose_name="longitude")),
                ("district", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="localities", to="geo.district", verbose_name="district")),
                ("governorate", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="localities", to="geo.governorate", verbose_name="governorate")),
            ],
            options={
                "verbose_name": "locality",
                "verbose_name_plural": "localities",
                "ordering": ["governorate", "name_en"],
                "constraints": [models.UniqueConstraint(fields=("district", "name_en"), name="locality_once_per_district")],
            },
        ),
        migrations.RunPython(load, unload),
    ]
