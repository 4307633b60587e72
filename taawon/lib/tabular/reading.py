"""Rows read through a confirmed column mapping: typed values and every error, row by row.

`read_rows` never stops at a bad cell: a dry run has to list every error of every row, with
its row number, column and reason, before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial

from taawon.lib.dates import infer_day_first
from taawon.lib.tabular.columns import ColumnSpec, validate_mapping
from taawon.lib.tabular.errors import RowError
from taawon.lib.tabular.table import Table, is_blank
from taawon.lib.tabular.values import (
    CellProblem,
    choice_reader,
    formula_text,
    is_formula,
    to_date,
    to_decimal,
    to_int,
    to_text,
)

Row = tuple[int, dict[str, object], list[RowError]]


def read_rows(
    table: Table,
    mapping: Mapping[str, str | None],
    specs: Sequence[ColumnSpec],
    *,
    day_first: bool | None = True,
) -> Iterator[Row]:
    """(row number, {spec key: value}, errors) for every non-blank row of `table`.

    Values are str, int, Decimal, date or a choice's key, and None when the cell is blank, the
    column unmapped, or the cell in error. `day_first` is passed to `parse_date`; pass the result
    of `infer_date_order` to use the file's own convention. A mapping that `validate_mapping`
    rejects raises its first FileError. Checking `unique` columns keeps one entry per distinct
    value in memory (a few megabytes for 180,000 permit numbers).
    """
    problems = validate_mapping(table.headers, mapping, specs)
    if problems:
        raise problems[0]
    date1904 = bool(getattr(table, "date1904", False))
    columns = [
        (spec, mapping.get(spec.key) or None, _converter(spec, day_first, date1904))
        for spec in specs
    ]
    mapped = {header for _, header, _ in columns if header}
    first_rows: dict[str, dict[object, int]] = {spec.key: {} for spec in specs if spec.unique}

    for row, cells, shape_errors in table.records():
        # A merge hiding a cell of a column the import does not read does no harm.
        errors = [
            error for error in shape_errors if error.column in mapped or error.code != "merged_cell"
        ]
        hidden = {error.column for error in errors if error.code == "merged_cell"}
        values: dict[str, object] = {}
        for spec, header, convert in columns:
            values[spec.key] = None
            if header is None or header in hidden:
                continue
            cell = cells.get(header)
            if is_formula(cell):
                text = formula_text(cell)[:200]
                errors.append(
                    RowError(
                        row,
                        header,
                        "formula",
                        f"The cell holds the formula {text}; replace it by its value "
                        "(copy, then Paste Special > Values).",
                        {"value": text},
                    )
                )
                continue
            if is_blank(cell):
                if spec.required:
                    errors.append(
                        RowError(
                            row, header, "required", f"'{header}' is empty.", {"header": header}
                        )
                    )
                continue
            try:
                value = convert(cell)
            except CellProblem as problem:
                errors.append(RowError(row, header, problem.code, problem.message, problem.params))
                continue
            if spec.unique:
                first = first_rows[spec.key].setdefault(_identity(value), row)
                if first != row:
                    errors.append(
                        RowError(
                            row,
                            header,
                            "duplicate",
                            f"{to_text(value)} is also on row {first}; each value may appear once.",
                            {"value": to_text(value), "first_row": first},
                        )
                    )
                    continue
            values[spec.key] = value
        yield row, values, errors


def infer_date_order(
    table: Table, mapping: Mapping[str, str | None], specs: Sequence[ColumnSpec]
) -> bool | None:
    """The day/month order the file's date columns agree on (see `dates.infer_day_first`).

    It reads the whole file once more, so an importer calls it only when the file's origin does
    not settle the convention.
    """
    headers = [mapping.get(spec.key) for spec in specs if spec.kind == "date"]
    headers = [header for header in headers if header]
    if not headers:
        return None
    return infer_day_first(
        record.values.get(header) for record in table.records() for header in headers
    )


def _converter(
    spec: ColumnSpec, day_first: bool | None, date1904: bool
) -> Callable[[object], object]:
    if spec.kind == "int":
        return to_int
    if spec.kind == "decimal":
        return to_decimal
    if spec.kind == "date":
        return partial(to_date, day_first=day_first, date1904=date1904)
    if spec.kind == "choice":
        return choice_reader(spec)
    return to_text


def _identity(value: object) -> object:
    """What makes two values the same for `unique`: "WP 001" and "wp001" are one permit."""
    if isinstance(value, str):
        return "".join(value.split()).casefold()
    return value
