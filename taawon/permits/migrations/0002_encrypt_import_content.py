"""PermitImport.content encrypted at rest: the field, and the files already stored encrypted.

Raw SQL, because the field as it now is would try to decrypt the clear bytes it reads."""

from django.db import migrations

import taawon.core.crypto

TABLE = "permits_permitimport"


def _rewrite(schema_editor, change) -> None:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {TABLE} WHERE content IS NOT NULL")
        ids = [row[0] for row in cursor.fetchall()]
        for pk in ids:  # one file at a time: each may be 40 MB
            cursor.execute(f"SELECT content FROM {TABLE} WHERE id = %s", [pk])
            content = bytes(cursor.fetchone()[0])
            cursor.execute(f"UPDATE {TABLE} SET content = %s WHERE id = %s", [change(content), pk])


def encrypt(apps, schema_editor) -> None:
    _rewrite(schema_editor, taawon.core.crypto.cipher().encrypt_bytes)


def decrypt(apps, schema_editor) -> None:
    _rewrite(schema_editor, taawon.core.crypto.cipher().decrypt_bytes)


class Migration(migrations.Migration):
    dependencies = [
        ("permits", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="permitimport",
            name="content",
            field=taawon.core.crypto.EncryptedBinaryField(
                blank=True, null=True, verbose_name="content"
            ),
        ),
        migrations.RunPython(encrypt, decrypt, elidable=True),
    ]
