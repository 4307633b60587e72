"""Encryption of sensitive identifiers at rest, with a keyed blind index for exact lookup.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256); several keys may be given so
that old rows still decrypt after a rotation. The blind index is HMAC-SHA256 of the
normalised value under a key derived (HKDF) from the first key, so equal identifiers have
equal indexes without the database ever holding the identifier itself.

While a rotation is under way (more than one key configured), a row may still carry the index
under an older key: `blind_indexes` gives the index under every key, newest first, so that
lookups and uniqueness checks find both.
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
        raw = [k.encode() if isinstance(k, str) else k for k in keys]
        self._fernet = MultiFernet([Fernet(k) for k in raw])
        self._index_keys = tuple(_index_key(k) for k in raw)
        self._index_key = self._index_keys[0]

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

    def rotate(self, token: str) -> str:
        """`token` encrypted again under the first key (whatever key it was encrypted with)."""
        try:
            return self._fernet.rotate(token.encode()).decode()
        except InvalidToken as exc:
            raise DecryptionError("cannot decrypt with the configured keys") from exc

    def blind_index(self, kind: str, value: str) -> str:
        """The index under the current (first) key: what new and rotated rows carry."""
        return _hmac(self._index_key, kind, value)

    def near_indexes(self, kind: str, value: str) -> str:
        """Blind indexes (shortened) of the value's near forms under the current key, space
        separated: two numbers of one kind share one when a digit of one was mistyped or two
        neighbouring digits swapped (taawon.lib.person_match.near_identifier_forms). Shared
        by two rows they tell that much and nothing else; 48 bits each, since they are only
        ever compared pair by pair, never looked up."""
        from taawon.lib.person_match import near_identifier_forms

        forms = near_identifier_forms(normalise_identifier(value))
        return " ".join(sorted(_hmac(self._index_key, f"{kind}~", f)[:12] for f in forms))

    def blind_indexes(self, kind: str, value: str) -> tuple[str, ...]:
        """The index under every configured key, current first, without repeats."""
        return tuple(dict.fromkeys(_hmac(key, kind, value) for key in self._index_keys))

    @property
    def index_fingerprint(self) -> str:
        """Names the current index key without revealing it (to tell rotations apart)."""
        return hmac.new(self._index_key, b"taawon-index-fingerprint", hashlib.sha256).hexdigest()


def _index_key(key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"taawon-blind-index").derive(
        key
    )


def _hmac(key: bytes, kind: str, value: str) -> str:
    message = f"{kind}:{normalise_identifier(value)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
