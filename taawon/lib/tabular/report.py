"""The dry run's errors as a workbook the user downloads, fixes the file by, and uploads again."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from taawon.lib.tabular.errors import FileError, RowError
from taawon.lib.tabular.sanitise import text_cell

HEADINGS = ("Row", "Column", "Code", "Message", "Value")
MAX_VALUE_CHARS = 200


def errors_to_xlsx(
    errors: Iterable[RowError | FileError],
    *,
    headings: Sequence[str] = HEADINGS,
    message: Callable[[RowError | FileError], str] | None = None,
    right_to_left: bool = False,
) -> bytes:
    """One row per error: row number (blank for a file error), column, code, message, value.

    `message` lets the caller put each error's message in the user's language (by its code and
    params); `headings` likewise. The errors are streamed into a write-only workbook, so a
    report of a million errors does not hold a million cells in memory.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Errors")
    sheet.sheet_view.rightToLeft = right_to_left
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (8, 24, 20, 80, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    sheet.append([_cell(sheet, heading, font=bold) for heading in headings])
    for error in errors:
        row = error.row if isinstance(error, RowError) else None
        column = error.column if isinstance(error, RowError) else ""
        value = error.params.get("value")
        text = message(error) if message else error.message
        sheet.append(
            [
                row,
                _cell(sheet, column),
                _cell(sheet, error.code),
                _cell(sheet, text),
                _cell(sheet, "" if value is None else str(value)[:MAX_VALUE_CHARS]),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet: object, text: str, *, font: Font | None = None) -> WriteOnlyCell:
    """A text cell that stays text: values from the upload may start with "=" (a formula the
    user's own Excel would run) or hold control characters that XML cannot carry."""
    cell = text_cell(sheet, text)
    if font is not None:
        cell.font = font
    return cell
