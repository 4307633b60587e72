"""The backup file format: what goes in comes out, and nothing altered is accepted."""

from __future__ import annotations

import io
import os
import struct

import pytest

from taawon.lib import encrypted_stream
from taawon.lib.encrypted_stream import CHUNK_SIZE, DamagedStream, WrongPassphrase

PASSPHRASE = "correct horse battery staple"
# Two full chunks and a part of a third, given in uneven pieces.
PLAIN = os.urandom(2 * CHUNK_SIZE + 12_345)


def sealed(plain: bytes = PLAIN, metadata: dict | None = None) -> bytes:
    out = io.BytesIO()
    pieces = [plain[i : i + 300_000] for i in range(0, len(plain), 300_000)]
    encrypted_stream.write_stream(
        out, pieces, passphrase=PASSPHRASE, metadata=metadata or {"vendor": "sqlite"}
    )
    return out.getvalue()


@pytest.fixture(scope="module")
def backup() -> bytes:
    return sealed()


def opened(data: bytes, passphrase: str = PASSPHRASE) -> bytes:
    stream = encrypted_stream.open_stream(io.BytesIO(data), passphrase=passphrase)
    return b"".join(stream.chunks)


def chunk_offsets(data: bytes) -> list[int]:
    (header_length,) = struct.unpack(">I", data[8:12])
    offset = 12 + header_length
    offsets = []
    while offset < len(data):
        offsets.append(offset)
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        offset += 4 + length
    return offsets


def test_it_gives_back_what_went_in_with_its_header(backup):
    assert opened(backup) == PLAIN
    metadata = encrypted_stream.verify_stream(io.BytesIO(backup), passphrase=PASSPHRASE)
    assert metadata["vendor"] == "sqlite"
    assert metadata["kdf"]["name"] == "scrypt"
    assert len(chunk_offsets(backup)) == 3
    assert PLAIN[:64] not in backup


def test_it_round_trips_an_empty_stream_and_an_exact_chunk():
    assert opened(sealed(b"")) == b""
    assert opened(sealed(PLAIN[:CHUNK_SIZE])) == PLAIN[:CHUNK_SIZE]


def test_two_files_of_the_same_data_differ():
    assert sealed(b"same") != sealed(b"same")


def test_it_refuses_a_wrong_passphrase(backup):
    with pytest.raises(WrongPassphrase):
        opened(backup, passphrase="wrong horse")


@pytest.mark.parametrize("where", ["header", "first chunk", "last chunk", "a length"])
def test_it_refuses_a_flipped_byte(backup, where):
    offsets = chunk_offsets(backup)
    position = {
        "header": 30,
        "first chunk": offsets[0] + 100,
        "last chunk": len(backup) - 5,
        "a length": offsets[1] + 2,
    }[where]
    damaged = bytearray(backup)
    damaged[position] ^= 0x01
    with pytest.raises((DamagedStream, WrongPassphrase)):
        opened(bytes(damaged))


@pytest.mark.parametrize("keep", ["at a chunk boundary", "inside a chunk", "the header only"])
def test_it_refuses_a_truncated_file(backup, keep):
    offsets = chunk_offsets(backup)
    size = {
        "at a chunk boundary": offsets[2],
        "inside a chunk": offsets[1] + 1000,
        "the header only": offsets[0],
    }[keep]
    with pytest.raises(DamagedStream, match="cut short"):
        opened(backup[:size])


def test_it_refuses_reordered_chunks_and_trailing_bytes(backup):
    offsets = chunk_offsets(backup)
    first, second = backup[offsets[0] : offsets[1]], backup[offsets[1] : offsets[2]]
    swapped = backup[: offsets[0]] + second + first + backup[offsets[2] :]
    with pytest.raises(DamagedStream):
        opened(swapped)
    with pytest.raises(DamagedStream, match="follow"):
        opened(backup + b"\x00")


def test_it_refuses_a_file_that_is_not_a_backup():
    with pytest.raises(DamagedStream, match="not a Taawon backup"):
        opened(b"SQLite format 3\x00" + bytes(100))
