"""A passphrase-encrypted stream of any length, read and written in chunks.

The layout of a file:

    magic (8 bytes) | header length (4 bytes, big-endian) | header (JSON, UTF-8) | chunks...
    chunk = ciphertext length (4 bytes) | AES-256-GCM ciphertext with its 16-byte tag

The key comes from the passphrase by scrypt with the header's random salt, so each file has its
own key. Each chunk is sealed on its own (a backup may be gigabytes: nothing is held whole in
memory), with the STREAM construction (Hoang, Reyhanitabar, Rogaway and Vizár, 2015) binding
them together: the nonce is the chunk's number and a flag set only on the last chunk, and the
whole header is the associated data of every chunk. So a flipped byte anywhere, chunks dropped,
swapped or repeated, a file cut short (its last chunk lacks the flag) or bytes added after the
last chunk are all refused, as is a header edited to claim another vendor or version.

The header also holds a check value derived from the key, so that a wrong passphrase is told
apart from a damaged file before any chunk is read.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"TAAWONBK"
FORMAT_VERSION = 1
CHUNK_SIZE = 1024 * 1024
# scrypt's cost: 2**15 takes 32 MiB and about 0.1 s; the header carries it, so it may rise later.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_LENGTH = struct.Struct(">I")
_TAG_BYTES = 16
_MAX_HEADER_BYTES = 64 * 1024


class StreamError(Exception):
    """The file is not one of ours, is damaged, or the passphrase is wrong."""


class WrongPassphrase(StreamError):
    pass


class DamagedStream(StreamError):
    pass


@dataclass(frozen=True)
class Opened:
    """A file whose header was read and whose passphrase was checked."""

    metadata: dict
    chunks: Iterator[bytes]


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    material = Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
    key, check_key = material[:32], material[32:]
    check = hmac.new(check_key, b"taawon backup passphrase check", hashlib.sha256).digest()
    return key, check


def _nonce(counter: int, last: bool) -> bytes:
    # 11 bytes of counter and one of last-chunk flag: 96 bits, what AES-GCM takes.
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _read_exactly(source: BinaryIO, size: int) -> bytes:
    data = source.read(size)
    if len(data) != size:
        raise DamagedStream("The file ends too early: it was cut short.")
    return data


def write_stream(
    destination: BinaryIO, chunks: Iterable[bytes], *, passphrase: str, metadata: dict
) -> int:
    """Encrypt `chunks` (any sizes) into `destination`; return the plaintext bytes written."""
    if not passphrase:
        raise ValueError("An empty passphrase protects nothing.")
    salt = os.urandom(16)
    key, check = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    header = json.dumps(
        {
            **metadata,
            "format": FORMAT_VERSION,
            "cipher": "AES-256-GCM",
            "chunk_size": CHUNK_SIZE,
            "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P},
            "salt": base64.b64encode(salt).decode("ascii"),
            "check": base64.b64encode(check).decode("ascii"),
        },
        sort_keys=True,
    ).encode("utf-8")
    destination.write(MAGIC + _LENGTH.pack(len(header)) + header)
    aead = AESGCM(key)
    aad = MAGIC + header
    counter = 0
    total = 0
    pending = b""
    buffer = bytearray()
    # A chunk is sealed only once the next one has begun, so that the last one gets its flag.
    for piece in chunks:
        buffer += piece
        while len(buffer) >= CHUNK_SIZE:
            if pending:
                _write_chunk(destination, aead, counter, pending, aad, last=False)
                counter += 1
            pending = bytes(buffer[:CHUNK_SIZE])
            del buffer[:CHUNK_SIZE]
            total += len(pending)
    if buffer:
        if pending:
            _write_chunk(destination, aead, counter, pending, aad, last=False)
            counter += 1
        pending = bytes(buffer)
        total += len(pending)
    _write_chunk(destination, aead, counter, pending, aad, last=True)
    return total


def _write_chunk(
    destination: BinaryIO, aead: AESGCM, counter: int, plain: bytes, aad: bytes, *, last: bool
) -> None:
    sealed = aead.encrypt(_nonce(counter, last), plain, aad)
    destination.write(_LENGTH.pack(len(sealed)) + sealed)


def read_header(source: BinaryIO) -> tuple[dict, bytes]:
    """The header's fields and its raw bytes; refuses a file that is not a Taawon backup."""
    if source.read(len(MAGIC)) != MAGIC:
        raise DamagedStream("This file is not a Taawon backup (its first bytes are wrong).")
    (length,) = _LENGTH.unpack(_read_exactly(source, _LENGTH.size))
    if length > _MAX_HEADER_BYTES:
        raise DamagedStream("The backup's header is damaged.")
    raw = _read_exactly(source, length)
    try:
        metadata = json.loads(raw)
        if metadata["format"] != FORMAT_VERSION:
            raise DamagedStream(
                f"This backup's format {metadata['format']!r} is not one this version reads."
            )
        kdf = metadata["kdf"]
        salt = base64.b64decode(metadata["salt"])
        check = base64.b64decode(metadata["check"])
        int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedStream("The backup's header is damaged.") from exc
    if not salt or not check:
        raise DamagedStream("The backup's header is damaged.")
    return metadata, raw


def open_stream(source: BinaryIO, *, passphrase: str) -> Opened:
    """Check the passphrase and return the header and an iterator of decrypted chunks.

    The iterator raises DamagedStream at the first chunk that fails; a caller that must not
    act on part of a file reads it through once first (see `verify_stream`).
    """
    metadata, raw = read_header(source)
    kdf = metadata["kdf"]
    key, check = _derive(
        passphrase, base64.b64decode(metadata["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
    )
    if not hmac.compare_digest(check, base64.b64decode(metadata["check"])):
        raise WrongPassphrase("The passphrase is wrong (or the backup's header is damaged).")
    return Opened(metadata=metadata, chunks=_chunks(source, AESGCM(key), MAGIC + raw))


def _chunks(source: BinaryIO, aead: AESGCM, aad: bytes) -> Iterator[bytes]:
    counter = 0
    limit = CHUNK_SIZE + _TAG_BYTES
    while True:
        prefix = source.read(_LENGTH.size)
        if not prefix:
            raise DamagedStream("The file ends too early: it was cut short.")
        if len(prefix) != _LENGTH.size:
            raise DamagedStream("The file ends too early: it was cut short.")
        (length,) = _LENGTH.unpack(prefix)
        if length < _TAG_BYTES or length > limit:
            raise DamagedStream("The backup is damaged (a chunk has an impossible length).")
        sealed = _read_exactly(source, length)
        for last in (False, True):
            try:
                plain = aead.decrypt(_nonce(counter, last), sealed, aad)
            except InvalidTag:
                continue
            break
        else:
            raise DamagedStream("The backup is damaged or was altered (a chunk fails its check).")
        yield plain
        counter += 1
        if last:
            if source.read(1):
                raise DamagedStream("The backup is damaged (bytes follow its last chunk).")
            return


def verify_stream(source: BinaryIO, *, passphrase: str) -> dict:
    """Read the whole file, checking every chunk; return its header."""
    opened = open_stream(source, passphrase=passphrase)
    for _ in opened.chunks:
        pass
    return opened.metadata
