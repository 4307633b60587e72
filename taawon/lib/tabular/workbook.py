"""Excel workbooks (.xlsx): openpyxl's read-only mode for the workbook's small parts (sheets,
styles, date epoch), `sheet_xml` for the shared strings and the sheet's rows, streamed, which
keeps a 180,000-row sheet out of memory and reads it many times faster than openpyxl's own
row reader (see `sheet_xml`). Streaming has two blind spots that matter for an import:

- Formulas. The workbook is opened with data_only=False, so a formula cell reads as its formula
  ("=B2*12", or an ArrayFormula), never as the value Excel cached at its last save, which is
  stale or missing when another program wrote the file. `read_rows` reports it as an error.
- Merged cells. Read-only mode does not report them, and a merged range keeps its value in its
  top-left cell only. The sheet's <mergeCells> element follows its data, so the sheet XML is
  scanned as bytes for it (no parsing of the data) and only the tail from there is parsed, with
  defusedxml. A merge touching the header row fails the file; a merge among the data makes a
  row error on each cell it hides, because the import would otherwise read those cells as empty.

Cells to the right of the last header are ignored (unlike a CSV, a workbook's cells cannot
shift into the wrong column, and notes there are common).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import IO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import MAC_EPOCH
from openpyxl.xml.constants import SHARED_STRINGS

from taawon.lib.tabular.archive import check_archive
from taawon.lib.tabular.errors import FileError, RowError
from taawon.lib.tabular.sheet_xml import SheetXmlError, iter_sheet_rows, read_shared_strings
from taawon.lib.tabular.table import Record, Table, is_blank, read_headers

MAX_MERGE_TAIL_BYTES = 64 * 1024 * 1024
_CHUNK = 1 << 20
_ROOT_TAG = re.compile(rb"<(?![?!])[^>]*>")
_MERGE_CELLS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCells[\s/>]")

Merge = tuple[int, int, int, int, str]  # min_row, max_row, min_col, max_col, "A2:A9"


class XlsxTable(Table):
    format = "xlsx"

    def __init__(
        self,
        stream: IO[bytes],
        *,
        owns_stream: bool,
        max_rows: int,
        header_row: int | None,
        sheet: str | None,
        max_unzipped_bytes: int,
    ) -> None:
        super().__init__(stream, owns_stream=owns_stream, max_rows=max_rows)
        check_archive(stream, max_unzipped_bytes=max_unzipped_bytes)
        try:
            reader = _WorkbookReader(stream)
            reader.read()
            self._workbook = reader.wb
            self._strings_path = reader.strings_path
        except Exception as exc:
            # As for a damaged sheet in _sheet_rows: every failure means the same to a user.
            raise _damaged() from exc
        try:
            self._open_sheet(sheet, header_row)
        except BaseException:
            self._workbook.close()
            raise

    def _open_sheet(self, sheet: str | None, header_row: int | None) -> None:
        worksheets = self._workbook.worksheets
        self.sheet_names = [ws.title for ws in worksheets]
        if sheet is not None and sheet not in self.sheet_names:
            raise FileError(
                "no_such_sheet",
                f"The workbook has no sheet named '{sheet}'.",
                {"sheet": sheet, "sheets": self.sheet_names},
            )
        visible = [ws for ws in worksheets if ws.sheet_state == "visible"] or worksheets
        if not visible:
            raise FileError("empty", "The workbook has no sheets.", {})
        self._sheet = self._workbook[sheet] if sheet is not None else visible[0]
        self.sheet = self._sheet.title
        self.date1904 = self._workbook.epoch == MAC_EPOCH
        self._shared_strings = self._read_shared_strings()
        self.header_row, cells = self._find_header_cells(header_row)
        # Merging leaves blank header cells, so merges are checked first to say what is wrong.
        width = max((i + 1 for i, cell in enumerate(cells) if not is_blank(cell)), default=0)
        self._merges = self._data_merges(width)
        self.headers = read_headers(cells, self.header_row)

    def records(self) -> Iterator[Record]:
        width = len(self.headers)
        pending = iter(sorted(self._merges))
        upcoming = next(pending, None)
        active: list[Merge] = []
        counted = 0
        start = self.header_row + 1
        for row, cells in self._sheet_rows(start):
            cells = cells[:width]
            if all(map(is_blank, cells)):
                continue
            counted = self._count(row, counted)
            while upcoming is not None and upcoming[0] <= row:
                active.append(upcoming)
                upcoming = next(pending, None)
            active = [merge for merge in active if merge[1] >= row]
            values = dict.fromkeys(self.headers)
            values.update(zip(self.headers, cells, strict=False))
            yield Record(row, values, self._merge_errors(row, active))

    def close(self) -> None:
        self._workbook.close()
        super().close()

    def _find_header_cells(self, header_row: int | None) -> tuple[int, tuple[object, ...]]:
        for row, cells in self._sheet_rows(header_row or 1):
            if header_row is None and all(map(is_blank, cells)):
                continue
            if header_row is None or row == header_row:
                return row, cells
            break  # the chosen header row is not in the sheet
        raise FileError("empty", f"The sheet '{self.sheet}' has no header row.", {})

    def _read_shared_strings(self) -> list[str]:
        if self._strings_path is None:
            return []
        try:
            with zipfile.ZipFile(self._stream) as archive, archive.open(self._strings_path) as src:
                return read_shared_strings(src)
        except (SheetXmlError, KeyError, zipfile.BadZipFile, EOFError, OSError) as exc:
            raise _damaged() from exc

    def _sheet_rows(self, start: int) -> Iterator[tuple[int, tuple[object, ...]]]:
        """(row number, values) of the rows from `start` on; rows absent from the XML are
        skipped, so the number, not the position, says where a row is."""
        workbook = self._workbook
        try:
            path = self._sheet._worksheet_path.lstrip("/")
            with zipfile.ZipFile(self._stream) as archive, archive.open(path) as src:
                yield from iter_sheet_rows(
                    src,
                    shared_strings=self._shared_strings,
                    date_styles=workbook._date_formats,
                    timedelta_styles=workbook._timedelta_formats,
                    epoch=workbook.epoch,
                    min_row=start,
                )
        except FileError:
            raise
        except Exception as exc:
            # A damaged sheet can fail in many ways (bad XML, a string index out of range, a
            # truncated archive); all mean one thing to the user.
            raise _damaged() from exc

    def _data_merges(self, width: int) -> list[Merge]:
        """Merges below the header; a merge touching the header fails the file."""
        with zipfile.ZipFile(self._stream) as archive:
            refs = merged_cell_refs(archive, self._sheet._worksheet_path)
        merges = []
        for ref in refs:
            try:
                min_col, min_row, max_col, max_row = range_boundaries(ref)
            except (TypeError, ValueError):
                continue
            if max_row < self.header_row or min_col > width:
                continue
            if min_row <= self.header_row:
                raise FileError(
                    "merged_header",
                    f"Header cells {ref} are merged; unmerge them so that each column has "
                    "its own header in one row.",
                    {"cells": ref},
                )
            merges.append((min_row, max_row, min_col, max_col, ref))
        return merges

    def _merge_errors(self, row: int, active: list[Merge]) -> list[RowError]:
        errors = []
        for min_row, _, min_col, max_col, ref in active:
            for col in range(min_col, min(max_col, len(self.headers)) + 1):
                if (row, col) == (min_row, min_col):
                    continue
                top_left = f"{get_column_letter(min_col)}{min_row}"
                errors.append(
                    RowError(
                        row,
                        self.headers[col - 1],
                        "merged_cell",
                        f"This cell is merged into {ref}, so its value is only in {top_left}; "
                        "unmerge the cells and fill in every row.",
                        {"cells": ref},
                    )
                )
        return errors


class _WorkbookReader(ExcelReader):
    """openpyxl's reader in read-only mode, without its shared strings: `sheet_xml` reads them,
    several times faster, when the sheet is read."""

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__(stream, read_only=True, data_only=False, keep_links=False)
        self.strings_path: str | None = None

    def read_strings(self) -> None:
        self.shared_strings = []
        part = self.package.find(SHARED_STRINGS)
        self.strings_path = part.PartName[1:] if part is not None else None


def merged_cell_refs(archive: zipfile.ZipFile, path: str) -> list[str]:
    """The ranges in a sheet part's <mergeCells>, found without parsing the sheet's data."""
    root_tag = b""
    tail = b""
    carry = b""
    with archive.open(path.lstrip("/")) as part:
        while chunk := part.read(_CHUNK):
            if tail:
                tail += chunk
                if len(tail) > MAX_MERGE_TAIL_BYTES:
                    raise FileError(
                        "too_large",
                        "The sheet has too many merged cells to read; unmerge them.",
                        {"limit": MAX_MERGE_TAIL_BYTES},
                    )
                continue
            if not root_tag:
                found = _ROOT_TAG.search(chunk)
                root_tag = found.group() if found else b""
            window = carry + chunk
            found = _MERGE_CELLS.search(window)
            if found:
                tail = window[found.start() :]
            else:
                carry = window[-64:]
    if not tail or not root_tag:
        return []
    # The tail runs to the root's end tag, so the root's start tag (which declares the
    # namespaces) in front of it makes a whole document.
    try:
        tree = fromstring(root_tag + tail, forbid_dtd=True)
    except (ParseError, DefusedXmlException) as exc:
        raise _damaged() from exc
    return [
        element.get("ref", "")
        for element in tree.iter()
        if element.tag.rpartition("}")[2] == "mergeCell"
    ]


def _damaged() -> FileError:
    return FileError(
        "not_a_spreadsheet",
        "The file is named .xlsx but is a damaged or unreadable workbook.",
        {"detected": "damaged_xlsx"},
    )
