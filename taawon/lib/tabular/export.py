"""Writing a list out as a spreadsheet: XLSX (openpyxl's write-only mode) or CSV with an HXL
hashtag row. No Django here.

Both writers take rows as an iterable and hold one row at a time, so a 100,000-row list costs
the memory of one row (openpyxl's write-only sheet spills its rows to a temporary file). Every
cell goes through `sanitise`, the one place that stops a typed `=HYPERLINK(...)` from becoming
a live formula.

- XLSX: text as string cells, dates and times as real date cells (so that Excel sorts and
  filters them), numbers as numbers; the header row in the user's language, frozen.
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

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from taawon.lib.tabular.sanitise import csv_row, text_cell

BOM = "\ufeff"
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
    progress: Progress | None = None,
) -> int:
    """Write `rows` under `headers` as a one-sheet workbook into `target`; the row count."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = text_cell(sheet, str(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    workbook.save(target)
    if progress is not None:
        progress(count)
    return count


def _xlsx_cell(sheet: object, value: object) -> object:
    value = _plain(value)
    if isinstance(value, str):
        return text_cell(sheet, value) if value else None
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        # Excel has no time zones: the wall-clock time in the zone the caller gave it in
        # (the export converts to the server's local time first; the CSV keeps the offset).
        value = value.replace(tzinfo=None)
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = (
            "yyyy-mm-dd hh:mm" if isinstance(value, datetime.datetime) else "yyyy-mm-dd"
        )
        return cell
    return value


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
