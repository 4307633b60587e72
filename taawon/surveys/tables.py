"""A form's submissions as files: XLSX with a sheet for the submissions and one per repeat,
or CSV (a zip of one CSV per sheet when the form has repeats). Groups are flattened into
"group/question" columns; headers are the questions' names or their labels in the reader's
language; choices likewise. Every cell goes through the export sanitiser."""

from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import Workbook

from taawon.lib.tabular.export import BOM, csv_value
from taawon.lib.tabular.sanitise import csv_row, text_cell

from . import xforms

META_COLUMNS = {"_key": "instanceID", "_parent": "parent", "_index": "index"}


def tables(schema: dict, submissions, *, labels: bool, language: str) -> list[xforms.Table]:
    rows = [(s.instance_id, s.data) for s in submissions]
    extra = {s.instance_id: s for s in submissions}
    found = xforms.flatten(schema, rows)
    main = found[0]
    main.columns += ["_status", "_owner", "_received"]
    for row in main.rows:
        submission = extra[row["_key"]]
        row["_status"] = submission.get_status_display()
        row["_owner"] = submission.owner.display_name
        row["_received"] = submission.received_at.replace(tzinfo=None)
    if labels:
        _label_values(schema, found, language)
    return found


def headers(schema: dict, table: xforms.Table, *, labels: bool, language: str) -> list[str]:
    by_path = {q.path: q for q in xforms.questions(schema)}
    names = []
    for column in table.columns:
        if column in META_COLUMNS:
            names.append(META_COLUMNS[column])
        elif column.startswith("_"):
            names.append(column[1:])
        elif labels and column in by_path and by_path[column].labels:
            names.append(xforms.label_in(by_path[column].labels, language))
        else:
            names.append(column)
    return names


def _label_values(schema: dict, found: list[xforms.Table], language: str) -> None:
    choices = {
        q.path: {name: xforms.label_in(lab, language) for name, lab in q.choices}
        for q in xforms.questions(schema)
        if q.choices
    }
    for table in found:
        for row in table.rows:
            for path, options in choices.items():
                value = row.get(path)
                if isinstance(value, str) and value:
                    row[path] = " ".join(options.get(v, v) for v in value.split())


def write_xlsx(schema, submissions, *, labels: bool, language: str, rtl: bool) -> bytes:
    book = Workbook(write_only=True)
    for index, table in enumerate(tables(schema, submissions, labels=labels, language=language)):
        title = "submissions" if index == 0 else table.name.replace("/", "_")[-31:]
        sheet = book.create_sheet(title=title)
        sheet.sheet_view.rightToLeft = rtl
        sheet.append(
            [text_cell(sheet, h) for h in headers(schema, table, labels=labels, language=language)]
        )
        for row in table.rows:
            sheet.append(
                [
                    text_cell(sheet, value) if isinstance(value, str) else value
                    for value in (row.get(c) for c in table.columns)
                ]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(schema, table, *, labels: bool, language: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers(schema, table, labels=labels, language=language))
    for row in table.rows:
        writer.writerow(csv_row(csv_value(row.get(c)) for c in table.columns))
    return BOM + out.getvalue()


def write_csv(schema, submissions, *, labels: bool, language: str) -> tuple[bytes, bool]:
    """(content, is_zip): one CSV, or a zip of one per sheet when the form has repeats."""
    found = tables(schema, submissions, labels=labels, language=language)
    if len(found) == 1:
        return _csv(schema, found[0], labels=labels, language=language).encode(), False
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, table in enumerate(found):
            name = "submissions" if index == 0 else table.name.replace("/", "_")
            archive.writestr(f"{name}.csv", _csv(schema, table, labels=labels, language=language))
    return out.getvalue(), True
