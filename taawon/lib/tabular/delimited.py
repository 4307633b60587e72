"""CSV files as Excel and other tools in Jordan, Lebanon and Iraq save them.

Encoding: a UTF-8 or UTF-16 byte-order mark decides. Otherwise the whole file is checked as
UTF-8 in one streaming pass (a file whose first lines are ASCII may still hold Arabic further
down), and a file that is not UTF-8 is read as Windows-1256, the code page Excel on Arabic
Windows uses for "CSV (Comma delimited)". Windows-1256 gives every byte a character, so a file
that is not text at all shows up as control characters instead, and is rejected for them.

Delimiter: comma, semicolon (what Excel writes where the decimal separator is a comma) or tab,
whichever splits the first lines into the most columns, the same number on every line.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from typing import IO

from openpyxl.utils import get_column_letter

from taawon.lib.tabular.errors import FileError, RowError
from taawon.lib.tabular.table import Record, Table, is_blank, read_headers

DELIMITERS = (",", ";", "\t")
SAMPLE_BYTES = 64 * 1024
SAMPLE_RECORDS = 50
_CHUNK = 256 * 1024  # decoded to check it, so kept small: a 1 MB chunk costs 5 MB
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CsvTable(Table):
    format = "csv"

    def __init__(
        self, stream: IO[bytes], *, owns_stream: bool, max_rows: int, header_row: int | None
    ) -> None:
        super().__init__(stream, owns_stream=owns_stream, max_rows=max_rows)
        self.sheet_names = []
        self.encoding = detect_encoding(stream)
        sample = self._sample()
        if _CONTROL.search(sample):
            raise FileError(
                "not_a_spreadsheet",
                "The file is named .csv but is not text; export it from Excel as CSV or .xlsx.",
                {"detected": "binary"},
            )
        if not sample.strip():
            raise FileError("empty", "The file is empty.", {})
        self.delimiter = sniff_delimiter(sample)
        self.header_row, self.headers = self._find_headers(header_row)

    def records(self) -> Iterator[Record]:
        counted = 0
        width = len(self.headers)
        for row, fields in self._raw_records():
            if row <= self.header_row or all(map(is_blank, fields)):
                continue
            counted = self._count(row, counted)
            errors = []
            extra = [i for i in range(width, len(fields)) if not is_blank(fields[i])]
            if extra:
                # Usually an unquoted delimiter inside a value, which shifts every later cell.
                letter = get_column_letter(extra[0] + 1)
                errors.append(
                    RowError(
                        row,
                        letter,
                        "extra_cells",
                        f"Row {row} has more cells than there are headers (from column {letter}); "
                        "a value may contain an unquoted comma or semicolon.",
                        {"value": fields[extra[0]][:200], "count": len(fields), "headers": width},
                    )
                )
            values = {
                header: (fields[i] or None) if i < len(fields) else None
                for i, header in enumerate(self.headers)
            }
            yield Record(row, values, errors)

    def _raw_records(self) -> Iterator[tuple[int, list[str]]]:
        """Every record with its row number, blank ones included, so numbers match Excel's."""
        self._stream.seek(0)
        text = io.TextIOWrapper(self._stream, encoding=self.encoding, newline="")
        try:
            reader = csv.reader(text, delimiter=self.delimiter)
            row = 0
            while True:
                try:
                    fields = next(reader)
                except StopIteration:
                    return
                except (csv.Error, UnicodeDecodeError) as exc:
                    raise FileError(
                        "malformed_csv",
                        f"Row {row + 1} cannot be read as CSV ({exc}).",
                        {"row": row + 1, "detail": str(exc)},
                    ) from exc
                row += 1
                yield row, fields
        finally:
            # The stream belongs to the table (or the caller), not to this wrapper.
            text.detach()

    def _sample(self) -> str:
        self._stream.seek(0)
        decoder = codecs.getincrementaldecoder(self.encoding)()
        try:
            return decoder.decode(self._stream.read(SAMPLE_BYTES))
        except UnicodeDecodeError as exc:
            raise FileError(
                "undecodable", "The file's text encoding cannot be read; save it as UTF-8.", {}
            ) from exc

    def _find_headers(self, header_row: int | None) -> tuple[int, list[str]]:
        for row, fields in self._raw_records():
            if header_row is None and all(map(is_blank, fields)):
                continue
            if header_row is None or row == header_row:
                return row, read_headers(fields, row)
        raise FileError("empty", "The file has no header row.", {})


def detect_encoding(stream: IO[bytes]) -> str:
    """ "utf-8-sig", "utf-16", "utf-8" or "cp1256", by the rules in the module docstring."""
    stream.seek(0)
    head = stream.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := stream.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1256"
    return "utf-8"


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits the sample's records into the most columns, consistently."""
    whole_lines = sample[: sample.rfind("\n") + 1] or sample
    best, best_score = ",", (0.0, 1)
    for delimiter in DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(whole_lines), delimiter=delimiter)
            records = [fields for fields in reader if not all(map(is_blank, fields))]
        except csv.Error:
            continue
        records = records[:SAMPLE_RECORDS]
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        score = (sum(len(fields) == width for fields in records) / len(records), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best
