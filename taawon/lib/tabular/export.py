"""Writing a list out as a spreadsheet: XLSX (streamed, `xlsx_writer`) or CSV with an HXL
hashtag row. No Django here.

Both writers take rows as an iterable and hold a few rows at a time, so a 100,000-row list
costs the memory of a chunk of rows. Every cell goes through `sanitise`, the one place that
stops a typed `=HYPERLINK(...)` from becoming a live formula.

- XLSX: text as string cells, dates and times as real date cells (so that Excel sorts and
  filters them), numbers as numbers; the header row in the user's language, bold and frozen;
  the sheet right to left for an Arabic export.
- CSV: UTF-8 with a byte order mark (Excel reads Arabic right only with it), the header row,
  then the HXL hashtag row (https://hxlstandard.org/standard/1-1final/dictionary/), dates as
  ISO 8601.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from taawon.lib.tabular.sanitise import csv_row
from taawon.lib.tabular.xlsx_writer import write_sheet

BOM = "\ufeff"
# The formats a list or a table is written in, and the media type each is sent as.
FORMATS = ("xlsx", "csv")
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
# Rows between two progress reports of a long export.
PROGRESS_EVERY = 1_000
XLSX_SHEET_TITLE_MAX = 31


@dataclass(frozen=True)
class Column:
    """One column of an export: its header (translated when written: str() is taken then),
    its HXL hashtag with attributes, and how to read its value from a row's object.

    `identifying` columns (names, phone, identifiers) are left out of a pseudonymised export.
    """

    header: Any
    hxl: str
    value: Callable[[Any], object]
    identifying: bool = False


Progress = Callable[[int], None]


def _plain(value: object) -> object:
    """A value a writer knows: text, int, float, Decimal, bool, date, datetime or None."""
    if value is None or isinstance(
        value, str | bool | int | float | decimal.Decimal | datetime.date
    ):
        return value
    return str(value)


def write_xlsx(
    target: IO[bytes],
    *,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    title: str = "Export",
    right_to_left: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write `rows` under `headers` as a one-sheet workbook into `target`; the row count."""
    return write_sheet(
        target,
        headers=[str(header) for header in headers],
        rows=([_plain(value) for value in row] for row in rows),
        title=_sheet_title(title),
        right_to_left=right_to_left,
        progress=progress,
        progress_every=PROGRESS_EVERY,
    )


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in a sheet's name, and names past 31 characters.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Export")[:XLSX_SHEET_TITLE_MAX]


def csv_value(value: object) -> object:
    """A value as a CSV field: ISO dates, "true"/"false", plain numbers."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class _Line:
    """A file-like target for csv.writer that hands back what was written."""

    def write(self, text: str) -> str:
        return text


def iter_csv(
    *,
    headers: Sequence[str],
    hxl: Sequence[str],
    rows: Iterable[Sequence[object]],
    progress: Progress | None = None,
) -> Iterator[str]:
    """The CSV text line by line: the byte order mark, the header row, the HXL row, the rows."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow([str(header) for header in headers])
    yield writer.writerow(list(hxl))
    count = 0
    for row in rows:
        yield writer.writerow(csv_row(csv_value(value) for value in row))
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    if progress is not None:
        progress(count)


def write_csv(
    target: IO[bytes],
    *,
    headers: Sequence[str],
    hxl: Sequence[str],
    rows: Iterable[Sequence[object]],
    progress: Progress | None = None,
) -> int:
    """Write the CSV (UTF-8 with BOM) into the binary `target`; the row count."""
    count = -2  # the header and the HXL row
    text = io.TextIOWrapper(target, encoding="utf-8", newline="", write_through=True)
    try:
        for line in iter_csv(headers=headers, hxl=hxl, rows=rows, progress=progress):
            text.write(line)
            count += 1
    finally:
        text.detach()
    return count
