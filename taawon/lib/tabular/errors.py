"""What can be wrong with an uploaded spreadsheet: the whole file, or one cell of one row.

Each error has a stable `code` (the Django layer translates by code), an English `message`, and
the `params` a translated message needs (a column name, a value, a limit).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FileError(Exception):
    """The file as a whole cannot be read: raised by `open_table`, listed by `validate_mapping`."""

    code: str
    message: str
    params: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.code, self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class RowError:
    """One cell (or one row, when `column` is empty) that cannot be imported.

    `row` is the row number a user sees in Excel; `column` is the header as written in the file.
    """

    row: int
    column: str
    code: str
    message: str
    params: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
