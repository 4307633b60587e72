"""Checks on an .xlsx file's zip container before any XML inside it is read.

An .xlsx is a zip of XML parts. A zip bomb is a small zip whose parts expand to gigabytes; the
defence is to read the central directory (a few bytes per part, nothing decompressed) and
refuse a file whose parts declare too much in total, or compress suspiciously well, or are too
many. The declared sizes can be trusted as a bound because Python's zipfile, which openpyxl
reads through, never returns more than a part declares (and fails its CRC check if the part
holds more). Compression methods other than stored and deflate are refused: Excel does not
write them, and zipfile decompresses bzip2 and LZMA without an output bound.
"""

from __future__ import annotations

import zipfile
from typing import IO

from taawon.lib.tabular.errors import FileError

DEFAULT_MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
MAX_ENTRIES = 1_000
# A worksheet compresses about 5 to 20 times; deflate's ceiling is about 1,000.
MAX_RATIO = 100
# Small parts may compress far better (an empty sheet) and cannot hurt; larger ones are checked.
RATIO_CHECKED_FROM = 1024 * 1024


def check_archive(stream: IO[bytes], *, max_unzipped_bytes: int) -> None:
    """Raise FileError unless the zip in `stream` is safe to hand to openpyxl."""
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise FileError(
            "not_a_spreadsheet",
            "The file is named .xlsx but is a damaged or unreadable workbook.",
            {"detected": "damaged_zip"},
        ) from exc
    stream.seek(0)

    if len(entries) > MAX_ENTRIES:
        raise _bomb(
            f"it holds {len(entries)} parts (at most {MAX_ENTRIES})",
            check="entries",
            limit=MAX_ENTRIES,
        )
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise FileError(
                "legacy_or_encrypted",
                "The workbook is password-protected; save a copy without a password.",
                {},
            )
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise FileError(
                "not_a_spreadsheet",
                "The file is named .xlsx but was not saved by a spreadsheet program.",
                {"detected": "zip"},
            )
        total += entry.file_size
        if total > max_unzipped_bytes:
            raise _bomb(
                f"it expands to more than {max_unzipped_bytes // 2**20} MB",
                check="size",
                limit=max_unzipped_bytes,
            )
        if entry.file_size > RATIO_CHECKED_FROM and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise _bomb(
                f"its part {entry.filename} is compressed more than {MAX_RATIO} times",
                check="ratio",
                limit=MAX_RATIO,
            )
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        raise FileError(
            "not_a_spreadsheet",
            "The file is named .xlsx but is a zip file, not an Excel workbook.",
            {"detected": "zip"},
        )


def _bomb(reason: str, *, check: str, limit: int) -> FileError:
    return FileError(
        "zip_bomb",
        f"The workbook cannot be opened safely: {reason}. Save it again from Excel, "
        "or split it into smaller files.",
        {"check": check, "limit": limit},
    )
