"""Spreadsheet exports that cannot run what a user typed.

A cooperative named `=HYPERLINK("http://evil.example/","Coop")` is, in a cell written as a
formula, a live link (or worse: `=cmd|...` on old Excel, DDE) that the ministry's officer opens
with one click. Every XLSX and CSV writer sends its cells through here:

- XLSX: text is written as a string cell (type "s"; an inline string in the streamed list
  exports of `xlsx_writer`), never a formula, whatever it starts with, and without the control
  characters that XML cannot carry (openpyxl would raise on them);
- CSV: text starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
  apostrophe, the convention spreadsheets read as "this is text" (CSV has no cell types).
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def xlsx_text(text: str) -> str:
    """`text` without the characters XML cannot carry."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def text_cell(sheet: object, text: str) -> WriteOnlyCell:
    """A write-only workbook's cell holding `text` as a string, never a formula."""
    cell = WriteOnlyCell(sheet, xlsx_text(text))
    cell.data_type = "s"
    return cell


def neutralise_sheet(sheet: Worksheet) -> None:
    """Every text cell of a (normal, not write-only) worksheet made a string cell: openpyxl
    makes any text starting with "=" a formula as it is assigned."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = xlsx_text(cell.value)
                cell.data_type = "s"


def csv_value(value: object) -> object:
    """A CSV field: text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values: Iterable[object]) -> list[object]:
    return [csv_value(value) for value in values]
