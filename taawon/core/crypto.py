"""The project's field cipher, built once from settings.FIELD_KEYS, and the model field that
keeps bytes encrypted with it."""

from functools import cache
from typing import Any

from django.conf import settings
from django.db import models

from taawon.lib.crypto import FieldCipher


def cipher() -> FieldCipher:
    # Keyed by the key list, so that a changed list (a rotation, a test's override) takes effect.
    return _cipher(tuple(settings.FIELD_KEYS))


@cache
def _cipher(keys: tuple[str, ...]) -> FieldCipher:
    return FieldCipher(keys)


class EncryptedBinaryField(models.BinaryField):
    """Bytes encrypted at rest with the field keys (Fernet: AES-128-CBC and HMAC-SHA256), read
    back in clear: an uploaded file with identity numbers in it is unreadable in the database
    and its backups without TAAWON_FIELD_KEYS. Not searchable, and not meant to be."""

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if value is not None:
            value = cipher().encrypt_bytes(bytes(value))
        return super().get_db_prep_value(value, connection, prepared)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> bytes | None:
        return None if value is None else cipher().decrypt_bytes(bytes(value))
