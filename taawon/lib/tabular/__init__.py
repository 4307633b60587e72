"""Reading uploaded spreadsheets (.xlsx and .csv) safely, for bulk imports. No Django here.

    with open_table(upload.name, upload) as table:           # FileError if the file is bad
        mapping = suggest_mapping(table.headers, SPECS)      # shown on the mapping step
        problems = validate_mapping(table.headers, mapping, SPECS)
        for row, values, errors in read_rows(table, mapping, SPECS):
            ...                                              # count, or collect errors
    report = errors_to_xlsx(all_errors)                      # the downloadable error list

Every error carries a stable code for translation: FileError for the whole file (raised by
`open_table`, or by `Table.records()` past `max_rows`), RowError for one cell of one row.
"""

from taawon.lib.tabular.archive import DEFAULT_MAX_UNZIPPED_BYTES
from taawon.lib.tabular.columns import ColumnSpec, suggest_mapping, validate_mapping
from taawon.lib.tabular.errors import FileError, RowError
from taawon.lib.tabular.reading import infer_date_order, read_rows
from taawon.lib.tabular.report import errors_to_xlsx
from taawon.lib.tabular.table import DEFAULT_MAX_ROWS, Record, Table, normalise_header
from taawon.lib.tabular.upload import DEFAULT_MAX_BYTES, open_table

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_ROWS",
    "DEFAULT_MAX_UNZIPPED_BYTES",
    "ColumnSpec",
    "FileError",
    "Record",
    "RowError",
    "Table",
    "errors_to_xlsx",
    "infer_date_order",
    "normalise_header",
    "open_table",
    "read_rows",
    "suggest_mapping",
    "validate_mapping",
]
