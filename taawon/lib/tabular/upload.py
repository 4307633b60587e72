"""Opening an upload as a Table: its name, size and content checked before any parsing.

The extension says what the user meant; the first bytes say what the file is. Both must agree,
so a PDF or a CSV renamed .xlsx, or a workbook renamed .csv, is refused with a message that says
what the file really is. The size is checked before the content is read: bytes by their length,
a seekable stream by seeking to its end, and any other stream by copying it in chunks to a
spooled temporary file that stops one chunk past the limit.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import PurePath
from typing import IO, BinaryIO

from taawon.lib.tabular.archive import DEFAULT_MAX_UNZIPPED_BYTES
from taawon.lib.tabular.delimited import CsvTable
from taawon.lib.tabular.errors import FileError
from taawon.lib.tabular.table import DEFAULT_MAX_ROWS, Table
from taawon.lib.tabular.workbook import XlsxTable

# 180,000 work permits of a dozen columns, Arabic names included, make a CSV of about 30 MB
# (an .xlsx of about a quarter of that); a 50 MB upload is refused.
DEFAULT_MAX_BYTES = 40 * 1024 * 1024
EXTENSIONS = (".xlsx", ".csv")
SPOOL_IN_MEMORY = 8 * 1024 * 1024
_CHUNK = 1 << 20
_MAGIC = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"%PDF-", "pdf"),
)
_WHAT_IT_IS = {
    "zip": "an Excel workbook or another zip file",
    "ole": "an old-format .xls or a password-protected workbook",
    "pdf": "a PDF document",
    "text": "a text (CSV) file",
}


def open_table(
    name: str,
    data: bytes | BinaryIO,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES,
    sheet: str | None = None,
    header_row: int | None = None,
) -> Table:
    """Open the upload called `name` (only its extension is used) or raise FileError.

    `data` is the file's bytes or a binary stream; a stream stays the caller's to close, and
    is read from its current position. `sheet` picks a workbook's sheet by name (default: the
    first visible one); `header_row` picks the header row (default: the first non-blank row).
    """
    extension = PurePath(name).suffix.lower()
    if extension not in EXTENSIONS:
        raise FileError(
            "unsupported_extension",
            f"Files of type '{extension or name}' cannot be imported; upload .xlsx or .csv.",
            {"extension": extension, "allowed": list(EXTENSIONS)},
        )
    stream, owned = _bounded(data, max_bytes)
    try:
        kind = _sniff(stream)
        if extension == ".xlsx" and kind == "zip":
            return XlsxTable(
                stream,
                owns_stream=owned,
                max_rows=max_rows,
                header_row=header_row,
                sheet=sheet,
                max_unzipped_bytes=max_unzipped_bytes,
            )
        if extension == ".csv" and kind == "text":
            return CsvTable(stream, owns_stream=owned, max_rows=max_rows, header_row=header_row)
        if extension == ".xlsx" and kind == "ole":
            raise FileError(
                "legacy_or_encrypted",
                "The file is an old-format .xls or a password-protected workbook; "
                "save it as .xlsx without a password.",
                {"detected": kind},
            )
        raise FileError(
            "not_a_spreadsheet",
            f"The file is named {extension} but is {_WHAT_IT_IS[kind]}.",
            {"extension": extension, "detected": kind},
        )
    except BaseException:
        if owned:
            stream.close()
        raise


def _bounded(data: bytes | BinaryIO, max_bytes: int) -> tuple[IO[bytes], bool]:
    """A seekable stream of the upload's bytes, and whether it is ours to close."""
    if isinstance(data, bytes | bytearray | memoryview):
        size = memoryview(data).nbytes
        _check_size(size, max_bytes, exact=True)
        return io.BytesIO(data), True
    if _is_seekable(data):
        start = data.tell()
        size = data.seek(0, io.SEEK_END) - start
        data.seek(start)
        _check_size(size, max_bytes, exact=True)
        if start == 0:
            return data, False
    # Returned open: the table closes it.
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
    try:
        size = 0
        while chunk := data.read(_CHUNK):
            size += len(chunk)
            _check_size(size, max_bytes, exact=False)
            spool.write(chunk)
        _check_size(size, max_bytes, exact=True)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool, True


def _check_size(size: int, max_bytes: int, *, exact: bool) -> None:
    if exact and size == 0:
        raise FileError("empty", "The file is empty.", {})
    if size > max_bytes:
        limit = f"{max_bytes / 2**20:.0f} MB"
        shown = f"{size / 2**20:.1f} MB" if exact else f"more than {limit}"
        raise FileError(
            "too_large",
            f"The file is {shown}; files up to {limit} can be imported. "
            "Split it into smaller files.",
            {"limit": max_bytes, "size": size if exact else None},
        )


def _is_seekable(stream: object) -> bool:
    try:
        return bool(stream.seekable())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def _sniff(stream: IO[bytes]) -> str:
    head = stream.read(8)
    stream.seek(0)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return "text"
