"""open_table's file-level checks: name, size, content, encoding, delimiter, zip bombs, headers."""

import csv
import io
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from taawon.lib.tabular import FileError, open_table
from taawon.lib.tabular import workbook as workbook_module

MB = 1024 * 1024


def xlsx_bytes(*rows, merges=(), sheet_title=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if sheet_title:
        sheet.title = sheet_title
    for row in rows:
        sheet.append(list(row))
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(*rows, encoding="utf-8", delimiter=","):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    return text.getvalue().encode(encoding)


def file_error(name, data, **kwargs):
    with pytest.raises(FileError) as caught:
        open_table(name, data, **kwargs).close()
    assert caught.value.message
    return caught.value


def all_rows(table):
    with table:
        return list(table.rows())


class NonSeekable(io.RawIOBase):
    """A stream that can only be read forward, like a socket, counting what is read from it:
    `head` once, then `line` over and over up to `size` bytes in all."""

    def __init__(self, size, head=b"a,b,c\n", line=b"1,2,3\n"):
        self.size = size
        self.head = head
        self.line = line
        self.read_so_far = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.size - self.read_so_far)
        start = self.read_so_far
        lines = self.line * ((start + n) // len(self.line) + 2)
        chunk = (self.head + lines)[start : start + n]
        buffer[:n] = chunk
        self.read_so_far += n
        return n


# Name and content


def test_it_rejects_an_extension_it_does_not_read():
    assert file_error("permits.pdf", b"%PDF-1.7").code == "unsupported_extension"
    assert file_error("permits", b"a,b\n1,2\n").code == "unsupported_extension"


def test_it_reads_the_extension_case_insensitively():
    assert all_rows(open_table("PERMITS.CSV", b"a,b\n1,2\n")) == [(2, {"a": "1", "b": "2"})]


def test_it_rejects_a_csv_renamed_xlsx():
    error = file_error("permits.xlsx", csv_bytes(["a", "b"], ["1", "2"]))
    assert error.code == "not_a_spreadsheet"
    assert error.params["detected"] == "text"


def test_it_rejects_a_pdf_renamed_xlsx():
    error = file_error("permits.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert error.code == "not_a_spreadsheet"
    assert error.params["detected"] == "pdf"


def test_it_rejects_a_workbook_renamed_csv():
    error = file_error("permits.csv", xlsx_bytes(["a"], [1]))
    assert error.code == "not_a_spreadsheet"
    assert error.params["detected"] == "zip"


def test_it_rejects_a_binary_file_renamed_csv():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
    assert file_error("permits.csv", png).code == "not_a_spreadsheet"


def test_it_asks_for_xlsx_when_given_an_old_xls_or_a_password_protected_workbook():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert file_error("permits.xlsx", ole).code == "legacy_or_encrypted"


def test_it_rejects_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    error = file_error("permits.xlsx", buffer.getvalue())
    assert error.code == "not_a_spreadsheet"


def test_it_rejects_a_truncated_workbook():
    data = xlsx_bytes(["a"], [1])
    assert file_error("permits.xlsx", data[: len(data) // 2]).code == "not_a_spreadsheet"


def test_it_rejects_a_workbook_whose_parts_are_damaged():
    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(["a"], [1])))
    with source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "xl/workbook.xml":
                body = body[:-40]
            target.writestr(item, body)
    assert file_error("permits.xlsx", buffer.getvalue()).code == "not_a_spreadsheet"


# Empty and oversized files


@pytest.mark.parametrize("name", ["permits.csv", "permits.xlsx"])
def test_it_rejects_an_empty_file(name):
    assert file_error(name, b"").code == "empty"
    assert file_error(name, io.BytesIO()).code == "empty"


def test_it_rejects_a_csv_of_blank_lines_as_empty():
    assert file_error("permits.csv", b"\xef\xbb\xbf\r\n , \r\n\r\n").code == "empty"


def test_it_rejects_a_workbook_without_a_header_row_as_empty():
    assert file_error("permits.xlsx", xlsx_bytes()).code == "empty"


def test_it_rejects_50_mb_of_bytes_by_size():
    error = file_error("permits.csv", b"1,2,3\n" * (50 * MB // 6))
    assert error.code == "too_large"
    assert error.params["limit"] < 50 * MB


def test_it_rejects_a_50_mb_file_by_its_size_before_reading_it(tmp_path):
    path = tmp_path / "permits.csv"
    with open(path, "wb") as f:
        f.truncate(50 * MB)
    with open(path, "rb") as f:
        assert file_error("permits.csv", f).code == "too_large"
        assert f.tell() == 0


def test_it_stops_reading_a_50_mb_stream_just_past_the_limit():
    stream = NonSeekable(50 * MB)
    error = file_error("permits.csv", stream, max_bytes=10 * MB)
    assert error.code == "too_large"
    assert stream.read_so_far <= 11 * MB


def test_it_reads_a_stream_that_cannot_seek():
    table = open_table("permits.csv", NonSeekable(4 + 4 * 10, head=b"a,b\n", line=b"1,2\n"))
    assert table.headers == ["a", "b"]
    assert all_rows(table)[-1] == (11, {"a": "1", "b": "2"})


def test_it_leaves_the_callers_stream_open():
    stream = io.BytesIO(b"a,b\n1,2\n")
    open_table("permits.csv", stream).close()
    assert not stream.closed


def test_it_refuses_rows_past_max_rows():
    table = open_table("permits.csv", b"a\n" + b"1\n" * 11, max_rows=10)
    with pytest.raises(FileError) as caught:
        all_rows(table)
    assert caught.value.code == "too_many_rows"
    assert caught.value.params == {"limit": 10, "row": 12}


# Zip bombs


def zip_with(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, size in parts:
            with archive.open(name, "w", force_zip64=True) as part:
                for _ in range(size // MB):
                    part.write(bytes(MB))
                part.write(bytes(size % MB))
    return buffer.getvalue()


@pytest.fixture
def openpyxl_must_not_run(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl opened a file that should have been refused first")

    monkeypatch.setattr(workbook_module, "_WorkbookReader", refuse)


def test_it_refuses_a_zip_bomb_by_compression_ratio_before_openpyxl_opens_it(openpyxl_must_not_run):
    bomb = zip_with([("xl/worksheets/sheet1.xml", 64 * MB)])
    assert len(bomb) < MB
    error = file_error("permits.xlsx", bomb)
    assert error.code == "zip_bomb"
    assert error.params["check"] == "ratio"


def test_it_refuses_a_workbook_that_expands_past_the_unzipped_limit(openpyxl_must_not_run):
    error = file_error("permits.xlsx", xlsx_bytes(["a"], [1]), max_unzipped_bytes=5_000)
    assert error.code == "zip_bomb"
    assert error.params["check"] == "size"


def test_it_refuses_a_zip_of_too_many_parts(openpyxl_must_not_run):
    many = zip_with([(f"xl/media/image{i}.png", 0) for i in range(1_001)])
    error = file_error("permits.xlsx", many)
    assert error.code == "zip_bomb"
    assert error.params["check"] == "entries"


def test_it_refuses_compression_that_excel_does_not_write(openpyxl_must_not_run):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert file_error("permits.xlsx", buffer.getvalue()).code == "not_a_spreadsheet"


# CSV encodings and delimiters

ARABIC_HEADERS = ["رقم التصريح", "الاسم", "الجنسية"]
ARABIC_ROW = ["WP-1", "فاطمة الزهراء", "سوريا"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1256", "utf-16"])
def test_it_reads_arabic_csv_in_the_encodings_excel_writes(encoding):
    data = csv_bytes(ARABIC_HEADERS, ARABIC_ROW, encoding=encoding)
    table = open_table("permits.csv", data)
    assert table.encoding == encoding
    assert table.headers == ARABIC_HEADERS
    assert all_rows(table) == [(2, dict(zip(ARABIC_HEADERS, ARABIC_ROW, strict=True)))]


def test_it_reads_windows_1256_even_when_the_first_64_kb_are_ascii():
    data = csv_bytes(["id", "name"], *[[str(i), "x" * 50] for i in range(2_000)], ["9", "علي"])
    table = open_table("permits.csv", data.decode().encode("cp1256"))
    assert table.encoding == "cp1256"
    assert all_rows(table)[-1] == (2_002, {"id": "9", "name": "علي"})


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_it_sniffs_the_delimiter(delimiter):
    data = csv_bytes(["a", "b", "c"], ["1,5", "2", "x;y"], delimiter=delimiter)
    table = open_table("permits.csv", data)
    assert table.delimiter == delimiter
    assert all_rows(table) == [(2, {"a": "1,5", "b": "2", "c": "x;y"})]


def test_it_reads_a_semicolon_csv_with_decimal_commas():
    data = b"permit;fee;days\nWP-1;12,50;30\nWP-2;7,25;15\n"
    table = open_table("permits.csv", data)
    assert table.delimiter == ";"
    assert all_rows(table)[1] == (3, {"permit": "WP-2", "fee": "7,25", "days": "15"})


def test_it_numbers_rows_as_a_spreadsheet_shows_them():
    data = b'a,b\r\n1,"two\r\nlines"\r\n\r\n3,4\r\n,\r\n\r\n'
    assert all_rows(open_table("permits.csv", data)) == [
        (2, {"a": "1", "b": "two\r\nlines"}),
        (4, {"a": "3", "b": "4"}),
    ]


def test_it_skips_blank_lines_above_the_header():
    table = open_table("permits.csv", b"\n\na,b\n1,2\n")
    assert (table.header_row, table.headers) == (3, ["a", "b"])
    assert all_rows(table) == [(4, {"a": "1", "b": "2"})]


def test_it_reads_a_header_row_the_user_chose_below_a_title():
    table = open_table("permits.csv", b"Permits 2024\nnumber,name\nWP-1,Ali\n", header_row=2)
    assert table.headers == ["number", "name"]
    assert all_rows(table) == [(3, {"number": "WP-1", "name": "Ali"})]


def test_it_flags_a_row_with_more_cells_than_headers():
    table = open_table("permits.csv", b"a,b\n1,2\nAli, Hassan,3\n")
    with table:
        records = list(table.records())
    assert records[0].errors == []
    (error,) = records[1].errors
    assert (error.row, error.column, error.code) == (3, "C", "extra_cells")


def test_it_reads_missing_trailing_cells_as_blank():
    assert all_rows(open_table("permits.csv", b"a,b,c\n1\n")) == [
        (2, {"a": "1", "b": None, "c": None})
    ]


def test_it_rejects_a_csv_field_too_long_to_be_data():
    data = b'a,b\n1,"' + b"x" * 200_000 + b'"\n'
    with pytest.raises(FileError) as caught:
        all_rows(open_table("permits.csv", data))
    assert caught.value.code == "malformed_csv"
    assert caught.value.params["row"] == 2


def test_it_can_read_a_table_twice():
    table = open_table("permits.csv", b"a\n1\n2\n")
    with table:
        assert list(table.rows()) == list(table.rows())


# Headers


@pytest.mark.parametrize(
    "name,data",
    [
        ("permits.csv", b"a,,c\n1,2,3\n"),
        ("permits.xlsx", xlsx_bytes(["a", None, "c"], [1, 2, 3])),
    ],
)
def test_it_rejects_a_blank_header_between_named_ones(name, data):
    error = file_error(name, data)
    assert error.code == "blank_header"
    assert error.params["column"] == "B"


@pytest.mark.parametrize(
    "name,data",
    [
        ("permits.csv", b"Name,name \n1,2\n"),
        ("permits.xlsx", xlsx_bytes(["Permit No", "permit_no"], [1, 2])),
    ],
)
def test_it_rejects_duplicate_headers(name, data):
    error = file_error(name, data)
    assert error.code == "duplicate_header"
    assert error.params["columns"] == ["A", "B"]


def test_it_ignores_blank_headers_after_the_last_named_one():
    assert open_table("permits.csv", b"a,b,,\n1,2,,\n").headers == ["a", "b"]


# Workbooks


def test_it_reads_a_workbooks_first_visible_sheet_and_lists_the_others():
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.active.sheet_state = "hidden"
    permits = workbook.create_sheet("Permits")
    permits.append(["number"])
    permits.append(["WP-1"])
    workbook.active = 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = open_table("permits.xlsx", buffer.getvalue())
    assert table.sheet_names == ["Notes", "Permits"]
    assert table.sheet == "Permits"
    assert all_rows(table) == [(2, {"number": "WP-1"})]


def test_it_rejects_a_sheet_name_the_workbook_lacks():
    error = file_error("permits.xlsx", xlsx_bytes(["a"]), sheet="Permits")
    assert error.code == "no_such_sheet"
    assert error.params["sheets"] == ["Sheet"]


def test_it_rejects_merged_header_cells():
    data = xlsx_bytes(["Permit", None, "Name"], ["WP-1", "2024", "Ali"], merges=["A1:B1"])
    error = file_error("permits.xlsx", data)
    assert error.code == "merged_header"
    assert error.params == {"cells": "A1:B1"}


def test_it_rejects_a_header_merged_down_into_a_second_header_row():
    data = xlsx_bytes(["Permit", "Dates", None], [None, "Issued", "Expires"], merges=["A1:A2"])
    assert file_error("permits.xlsx", data).code == "merged_header"


def test_it_ignores_a_merged_title_above_the_header():
    data = xlsx_bytes(["Permits 2024"], ["number", "name"], ["WP-1", "Ali"], merges=["A1:B1"])
    table = open_table("permits.xlsx", data, header_row=2)
    assert all_rows(table) == [(3, {"number": "WP-1", "name": "Ali"})]


def test_it_reports_each_data_cell_a_merge_hides():
    data = xlsx_bytes(
        ["number", "cooperative", "note"],
        ["WP-1", "Mafraq", None],
        ["WP-2", None, None],
        ["WP-3", None, None],
        merges=["B2:B3", "C2:D2"],
    )
    with open_table("permits.xlsx", data) as table:
        records = list(table.records())
    assert [[(e.row, e.column, e.code) for e in r.errors] for r in records] == [
        [],
        [(3, "cooperative", "merged_cell")],
        [],
    ]


def test_it_ignores_trailing_empty_rows_and_cells_right_of_the_headers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["a", "b"])
    sheet.append([1, 2, None, "note to self"])
    for row in range(3, 200):
        sheet.cell(row=row, column=1).number_format = "0.00"
    sheet["B300"] = " "
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert all_rows(open_table("permits.xlsx", buffer.getvalue())) == [(2, {"a": 1, "b": 2})]


def test_it_reads_a_sheet_whose_declared_dimensions_are_wrong():
    data = xlsx_bytes(["a"], [1])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b'<dimension ref="A1:A2"', b'<dimension ref="A1:XFD1048576"')
                assert b"XFD1048576" in body
            target.writestr(item, body)
    assert all_rows(open_table("permits.xlsx", buffer.getvalue())) == [(2, {"a": 1})]


def test_the_library_imports_no_django():
    code = (
        "import sys, taawon.lib.tabular, taawon.lib.dates; "
        "sys.exit(any(name.split('.')[0] == 'django' for name in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
