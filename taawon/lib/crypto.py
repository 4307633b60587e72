"""Encryption of sensitive identifiers at rest, with a keyed blind index for exact lookup.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256); several keys may be given so
that old rows still decrypt after a rotation. The blind index is HMAC-SHA256 of the
normalised value under a key derived (HKDF) from the first key, so equal identifiers have
equal indexes without the database ever holding the identifier itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import unicodedata
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


class DecryptionError(Exception):
    pass


def normalise_identifier(value: str) -> str:
    """Identifiers compare without spaces, dashes or case, with Arabic-Indic digits as ASCII."""
    value = unicodedata.normalize("NFKC", value).translate(ARABIC_INDIC_DIGITS)
    return "".join(ch for ch in value if ch.isalnum()).upper()


class FieldCipher:
    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError("at least one key is required")
        self._fernet = MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in keys])
        first = keys[0].encode() if isinstance(keys[0], str) else keys[0]
        self._index_key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"taawon-blind-index"
        ).derive(first)

    def encrypt(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as exc:
            raise DecryptionError("cannot decrypt with the configured keys") from exc

    def encrypt_bytes(self, data: bytes) -> bytes:
        # A Fernet token is base64 text; stored as its raw bytes it is a quarter smaller.
        return base64.urlsafe_b64decode(self._fernet.encrypt(data))

    def decrypt_bytes(self, token: bytes) -> bytes:
        try:
            return self._fernet.decrypt(base64.urlsafe_b64encode(token))
        except InvalidToken as exc:
            raise DecryptionError("cannot decrypt with the configured keys") from exc

    def blind_index(self, kind: str, value: str) -> str:
        message = f"{kind}:{normalise_identifier(value)}".encode()
        return hmac.new(self._index_key, message, hashlib.sha256).hexdigest()
