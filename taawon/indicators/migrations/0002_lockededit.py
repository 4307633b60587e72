import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_apitoken_expires_at_required"),
        ("indicators", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="LockedEdit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("model_label", models.CharField(max_length=100, verbose_name="kind of record")),
                ("object_id", models.PositiveBigIntegerField(verbose_name="record")),
                ("date", models.DateField(verbose_name="date of the record")),
                ("reason", models.TextField(verbose_name="reason")),
                ("at", models.DateTimeField(auto_now_add=True, verbose_name="at")),
                (
                    "by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.organisation",
                        verbose_name="organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "edit after lock",
                "verbose_name_plural": "edits after lock",
                "ordering": ["-at"],
                "indexes": [
                    models.Index(fields=["organisation", "date"], name="lockededit_org_date")
                ],
            },
        ),
    ]
