"""Every token expires (0002 gave the older ones an expiry). A migration of its own: on
PostgreSQL a column is not altered in the transaction that has just updated its rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_apitoken_expiry_and_organisation"),
    ]

    operations = [
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires at"),
        ),
    ]
