"""A table read from an upload: its headers, then its rows one at a time.

Rows stream from the file (a workbook's sheet XML, or a CSV's text) so that a file of 180,000
rows is never held in memory; `records()` may be called again to read the file from the top.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from typing import IO, NamedTuple

from openpyxl.utils import get_column_letter

from taawon.lib.arabic import normalise_arabic
from taawon.lib.tabular.errors import FileError, RowError

DEFAULT_MAX_ROWS = 250_000
MAX_COLUMNS = 500

_BRACKETED = re.compile(r"\(.*?\)|\[.*?\]")
_NOT_WORD = re.compile(r"[\W_]+")


class Record(NamedTuple):
    """One non-blank row: its number as a user sees it, its cells by header, and what is wrong
    with its shape (cells past the last header, cells hidden by a merge)."""

    row: int
    values: dict[str, object]
    errors: list[RowError]


class Table(ABC):
    """A sheet or CSV file with one header row; close it (or use `with`) when done."""

    format: str
    headers: list[str]
    header_row: int
    sheet_names: list[str]

    def __init__(self, stream: IO[bytes], *, owns_stream: bool, max_rows: int) -> None:
        self._stream = stream
        self._owns_stream = owns_stream
        self.max_rows = max_rows

    @abstractmethod
    def records(self) -> Iterator[Record]:
        """Every non-blank row below the header; raises FileError "too_many_rows" past max_rows.

        Read one iteration at a time: a CSV table has one stream to read from.
        """

    def rows(self) -> Iterator[tuple[int, dict[str, object]]]:
        """(row number, {header: cell value}) for every non-blank row below the header."""
        for record in self.records():
            yield record.row, record.values

    def close(self) -> None:
        if self._owns_stream:
            self._stream.close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _count(self, row: int, counted: int) -> int:
        counted += 1
        if counted > self.max_rows:
            raise FileError(
                "too_many_rows",
                f"The file has more than {self.max_rows} rows (passed at row {row}); "
                "split it into smaller files.",
                {"limit": self.max_rows, "row": row},
            )
        return counted


def normalise_header(text: object, *, drop_brackets: bool = False) -> str:
    """The form in which two spellings of a header (or of a choice) compare equal.

    Case, spaces, underscores, punctuation, Arabic hamza, taa marbuta, alef maqsura and
    diacritics, and the definite article ال at the start of an Arabic word all fold away:
    "Permit No.", "permit_no" and "PermitNo" are one header, and so are "رقم التصريح" and
    "رقم تصريح". `drop_brackets` also drops what is in brackets, a hint such as
    "Date of birth (dd/mm/yyyy)"; it is off by default because "Name (Arabic)" and
    "Name (English)" are two columns.
    """
    text = str(text)
    if drop_brackets:
        text = _BRACKETED.sub(" ", text)
    text = normalise_arabic(text).casefold()
    words = [
        word[2:] if word.startswith("ال") and len(word) >= 5 else word for word in text.split()
    ]
    return _NOT_WORD.sub("", "".join(words))


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def header_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def read_headers(cells: Sequence[object], row: int) -> list[str]:
    """The header row's names, checked: none blank (trailing blanks are dropped), none twice."""
    headers = [header_text(cell) for cell in cells]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise FileError("empty", "The file has no header row.", {})
    if len(headers) > MAX_COLUMNS:
        raise FileError(
            "too_many_columns",
            f"The header row has {len(headers)} columns; at most {MAX_COLUMNS} can be read.",
            {"count": len(headers), "limit": MAX_COLUMNS},
        )
    seen: dict[str, int] = {}
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        if not header:
            raise FileError(
                "blank_header",
                f"Column {letter} has no header in row {row}; name it or delete the column.",
                {"column": letter, "row": row},
            )
        key = normalise_header(header) or header
        if key in seen:
            first = get_column_letter(seen[key])
            raise FileError(
                "duplicate_header",
                f"Columns {first} and {letter} are both headed '{header}'; rename one of them.",
                {"header": header, "columns": [first, letter]},
            )
        seen[key] = index
    return headers
