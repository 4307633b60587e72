"""The project's field cipher, built once from settings.FIELD_KEYS."""

from functools import cache

from django.conf import settings

from taawon.lib.crypto import FieldCipher


@cache
def cipher() -> FieldCipher:
    return FieldCipher(settings.FIELD_KEYS)
