"""The project's field cipher, built once from settings.FIELD_KEYS."""

from functools import cache

from django.conf import settings

from taawon.lib.crypto import FieldCipher


def cipher() -> FieldCipher:
    # Keyed by the key list, so that a changed list (a rotation, a test's override) takes effect.
    return _cipher(tuple(settings.FIELD_KEYS))


@cache
def _cipher(keys: tuple[str, ...]) -> FieldCipher:
    return FieldCipher(keys)
