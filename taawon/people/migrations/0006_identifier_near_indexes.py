"""Blind indexes of each identifier's near forms, for the matcher: filled here for the rows
that exist (decrypted with the configured field keys, in batches), then kept by every write and
by `taawon rotate-keys`."""

from django.db import migrations, models

BATCH = 2000


def fill_near_indexes(apps, schema_editor) -> None:
    from taawon.core.crypto import cipher

    PersonIdentifier = apps.get_model("people", "PersonIdentifier")
    fields = cipher()
    last = 0
    while True:
        rows = list(
            PersonIdentifier.objects.filter(pk__gt=last)
            .order_by("pk")
            .only("pk", "kind", "value_encrypted")[:BATCH]
        )
        if not rows:
            return
        for row in rows:
            row.near_indexes = fields.near_indexes(row.kind, fields.decrypt(row.value_encrypted))
        PersonIdentifier.objects.bulk_update(rows, ["near_indexes"])
        last = rows[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_keyrotation_person_anonymised_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="personidentifier",
            name="near_indexes",
            field=models.TextField(blank=True, default="", verbose_name="near blind indexes"),
        ),
        migrations.RunPython(fill_near_indexes, migrations.RunPython.noop),
    ]
