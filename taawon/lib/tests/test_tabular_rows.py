"""Column mapping, typed row reading and the error report."""

import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from taawon.lib.tabular import (
    ColumnSpec,
    FileError,
    RowError,
    errors_to_xlsx,
    infer_date_order,
    open_table,
    read_rows,
    suggest_mapping,
    validate_mapping,
)

PERMIT = ColumnSpec(
    "permit_number",
    required=True,
    synonyms=["Permit number", "Permit No", "رقم التصريح"],
    unique=True,
)
NAME = ColumnSpec("name", required=True, synonyms=["Name", "Full name", "الاسم"])
ISSUED = ColumnSpec("issued_on", synonyms=["Issue date", "تاريخ الإصدار"], kind="date")
DAYS = ColumnSpec("days", synonyms=["Days", "عدد الأيام"], kind="int")
FEE = ColumnSpec("fee", synonyms=["Fee", "الرسوم"], kind="decimal")
GENDER = ColumnSpec(
    "gender",
    synonyms=["Gender", "Sex", "الجنس"],
    kind="choice",
    choices={"female": ["F", "Woman", "أنثى"], "male": ["M", "Man", "ذكر"]},
)
SPECS = [PERMIT, NAME, ISSUED, DAYS, FEE, GENDER]


def xlsx_table(*rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return open_table("permits.xlsx", buffer.getvalue())


def csv_table(text, encoding="utf-8"):
    return open_table("permits.csv", text.encode(encoding))


def read(table, specs=SPECS, **kwargs):
    with table:
        mapping = suggest_mapping(table.headers, specs)
        return list(read_rows(table, mapping, specs, **kwargs))


def codes(rows):
    return [(row, error.column, error.code) for row, _, errors in rows for error in errors]


# Mapping


def test_it_suggests_headers_whatever_their_case_spacing_and_punctuation():
    headers = ["PERMIT_NO.", "full  name", "Issue Date (dd/mm/yyyy)", "Notes"]
    assert suggest_mapping(headers, SPECS) == {
        "permit_number": "PERMIT_NO.",
        "name": "full  name",
        "issued_on": "Issue Date (dd/mm/yyyy)",
        "days": None,
        "fee": None,
        "gender": None,
    }


def test_it_suggests_arabic_headers_spelt_without_hamza_article_or_diacritics():
    headers = ["رقم تصريح", "الإسم", "تاريخ الاصدار", "عدد الايام", "الرُّسوم", "الجنس"]
    assert suggest_mapping(headers, SPECS) == {
        "permit_number": "رقم تصريح",
        "name": "الإسم",
        "issued_on": "تاريخ الاصدار",
        "days": "عدد الايام",
        "fee": "الرُّسوم",
        "gender": "الجنس",
    }


def test_it_tells_apart_headers_that_differ_only_in_brackets():
    name_ar = ColumnSpec("name_ar", synonyms=["Name (Arabic)", "الاسم بالعربية"])
    name = ColumnSpec("name", synonyms=["Name"])
    with csv_table("Name (English),Name (Arabic)\nAli,علي\n") as table:
        headers = table.headers
    assert suggest_mapping(headers, [name]) == {"name": None}
    assert suggest_mapping(headers, [name, name_ar]) == {
        "name": "Name (English)",
        "name_ar": "Name (Arabic)",
    }


def test_it_matches_a_header_to_its_spec_key():
    assert suggest_mapping(["permit_number"], [PERMIT]) == {"permit_number": "permit_number"}


def test_it_gives_a_header_to_one_column_only():
    first = ColumnSpec("phone", synonyms=["Phone"])
    second = ColumnSpec("mobile", synonyms=["Phone", "Mobile"])
    assert suggest_mapping(["Phone"], [first, second]) == {"phone": "Phone", "mobile": None}


def test_it_accepts_a_complete_mapping():
    headers = ["Permit No", "Name"]
    assert validate_mapping(headers, {"permit_number": "Permit No", "name": "Name"}, SPECS) == []


def test_it_lists_every_missing_required_column():
    errors = validate_mapping(["Notes"], suggest_mapping(["Notes"], SPECS), SPECS)
    assert [(e.code, e.params["key"]) for e in errors] == [
        ("missing_column", "permit_number"),
        ("missing_column", "name"),
    ]
    assert "Permit number" in errors[0].message


def test_it_rejects_a_mapping_to_a_header_the_file_lacks_or_to_one_header_twice():
    mapping = {"permit_number": "Permit", "name": "Permit", "fee": "Cost", "colour": "Permit"}
    errors = validate_mapping(["Permit"], mapping, SPECS)
    assert [e.code for e in errors] == ["unknown_field", "header_mapped_twice", "unknown_header"]


def test_reading_rows_with_an_invalid_mapping_raises_its_first_error():
    with csv_table("Notes\nx\n") as table, pytest.raises(FileError) as caught:
        list(read_rows(table, {}, SPECS))
    assert caught.value.code == "missing_column"


def test_a_spec_of_an_unknown_kind_or_choice_without_choices_is_a_programming_error():
    with pytest.raises(ValueError):
        ColumnSpec("x", kind="money")
    with pytest.raises(ValueError):
        ColumnSpec("x", kind="choice")


# Typed values


def test_it_reads_typed_values_from_a_workbook():
    table = xlsx_table(
        ["Permit No", "Name", "Issue date", "Days", "Fee", "Gender"],
        ["WP-1", " Ali ", datetime(2024, 1, 31), 30, 12.5, "M"],
        [9871234567, "سارة", "31/01/2024", 30.0, "1,250.75", "أنثى"],
    )
    assert read(table) == [
        (
            2,
            {
                "permit_number": "WP-1",
                "name": "Ali",
                "issued_on": date(2024, 1, 31),
                "days": 30,
                "fee": Decimal("12.5"),
                "gender": "male",
            },
            [],
        ),
        (
            3,
            {
                "permit_number": "9871234567",
                "name": "سارة",
                "issued_on": date(2024, 1, 31),
                "days": 30,
                "fee": Decimal("1250.75"),
                "gender": "female",
            },
            [],
        ),
    ]


def test_it_reads_arabic_indic_digits_and_separators_in_numbers():
    rows = read(csv_table("Permit No,Name,Days,Fee\nWP-1,Ali,٣٠,١٬٢٥٠٫٥\n"))
    assert rows[0][1]["days"] == 30
    assert rows[0][1]["fee"] == Decimal("1250.5")


def test_it_reads_a_windows_1256_csv_with_arabic_headers_and_values():
    text = "رقم التصريح,الاسم,الجنس,تاريخ الإصدار\nWP-1,فاطمة,أنثى,03/04/2021\n"
    rows = read(csv_table(text, encoding="cp1256"))
    assert rows == [
        (
            2,
            {
                "permit_number": "WP-1",
                "name": "فاطمة",
                "issued_on": date(2021, 4, 3),
                "days": None,
                "fee": None,
                "gender": "female",
            },
            [],
        )
    ]


def test_it_reports_text_in_numeric_columns_with_row_column_and_value():
    rows = read(csv_table('Permit No,Name,Days,Fee\nWP-1,Ali,thirty,12 JOD\nWP-2,Omar,1.5,"1,5"\n'))
    assert codes(rows) == [
        (2, "Days", "not_a_number"),
        (2, "Fee", "not_a_number"),
        (3, "Days", "not_an_integer"),
        (3, "Fee", "not_a_number"),
    ]
    assert rows[0][2][0].params == {"value": "thirty"}
    assert rows[0][1]["days"] is None


def test_it_refuses_a_decimal_comma_rather_than_guess():
    rows = read(csv_table("Permit No;Name;Fee\nWP-1;Ali;1,5\n"))
    assert codes(rows) == [(2, "Fee", "not_a_number")]


def test_it_reports_a_choice_it_does_not_know_and_lists_the_choices():
    rows = read(csv_table("Permit No,Name,Gender\nWP-1,Ali,unknown\n"))
    (error,) = rows[0][2]
    assert error.code == "invalid_choice"
    assert error.params["choices"] == ["female", "male"]


def test_it_reports_a_required_value_left_blank():
    rows = read(csv_table("Permit No,Name,Days\nWP-1,  ,\n"))
    assert codes(rows) == [(2, "Name", "required")]


def test_it_reports_a_formula_instead_of_taking_its_cached_value():
    table = xlsx_table(["Permit No", "Name", "Days", "Fee"], ["WP-1", "Ali", "=10*3", "=SUM(1,2)"])
    rows = read(table)
    assert codes(rows) == [(2, "Days", "formula"), (2, "Fee", "formula")]
    assert rows[0][2][0].params == {"value": "=10*3"}
    assert rows[0][1]["days"] is None


def test_it_reports_an_array_formula():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Permit No", "Name", "Days"])
    sheet.append(["WP-1", "Ali"])
    sheet["C2"] = openpyxl.worksheet.formula.ArrayFormula("C2", "=SUM(1,2)")
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read(open_table("permits.xlsx", buffer.getvalue()))
    assert codes(rows) == [(2, "Days", "formula")]


def test_it_reports_a_csv_value_that_would_run_as_a_formula():
    rows = read(csv_table('Permit No,Name\nWP-1,"=HYPERLINK(""http://x"",""y"")"\n'))
    assert codes(rows) == [(2, "Name", "formula")]


def test_it_reports_a_merged_cell_once_in_a_column_it_reads_and_not_in_others():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [["Permit No", "Name", "Notes"], ["WP-1", "Ali", "x"], ["WP-2", None, None]]:
        sheet.append(row)
    sheet.merge_cells("B2:C3")
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read(open_table("permits.xlsx", buffer.getvalue()))
    assert codes(rows) == [(3, "Name", "merged_cell")]


# Dates


def test_it_reads_excel_serial_dates_and_reports_impossible_ones():
    table = xlsx_table(
        ["Permit No", "Name", "Issue date"],
        ["WP-1", "Ali", 45322],
        ["WP-2", "Omar", "45322"],
        ["WP-3", "Huda", "31/02/2024"],
        ["WP-4", "Rana", 12],
    )
    rows = read(table)
    assert [values["issued_on"] for _, values, _ in rows] == [date(2024, 1, 31)] * 2 + [None] * 2
    assert codes(rows) == [(4, "Issue date", "impossible_date"), (5, "Issue date", "out_of_range")]


def test_it_reads_serial_dates_of_a_1904_workbook():
    workbook = openpyxl.Workbook()
    workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    workbook.active.append(["Permit No", "Name", "Issue date"])
    workbook.active.append(["WP-1", "Ali", 43860])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read(open_table("permits.xlsx", buffer.getvalue()))
    assert rows[0][1]["issued_on"] == date(2024, 1, 31)


def test_it_reports_an_ambiguous_date_when_the_convention_is_unknown():
    rows = read(csv_table("Permit No,Name,Issue date\nWP-1,Ali,03/04/2021\n"), day_first=None)
    assert codes(rows) == [(2, "Issue date", "ambiguous_day_month")]
    assert "yyyy-mm-dd" in rows[0][2][0].message


def test_it_reports_a_two_digit_year():
    rows = read(csv_table("Permit No,Name,Issue date\nWP-1,Ali,03/04/21\n"))
    assert codes(rows) == [(2, "Issue date", "two_digit_year")]


def test_it_infers_a_files_date_order_from_its_unambiguous_rows():
    text = "Permit No,Name,Issue date\nWP-1,Ali,03/04/2021\nWP-2,Omar,04/25/2021\n"
    with csv_table(text) as table:
        mapping = suggest_mapping(table.headers, SPECS)
        day_first = infer_date_order(table, mapping, SPECS)
        rows = list(read_rows(table, mapping, SPECS, day_first=day_first))
    assert day_first is False
    assert [values["issued_on"] for _, values, _ in rows] == [date(2021, 3, 4), date(2021, 4, 25)]


# Duplicates


def test_it_reports_a_permit_number_repeated_in_the_file_with_the_first_row():
    text = "Permit No,Name\nWP-001,Ali\nWP-002,Omar\nwp-001 ,Huda\n"
    rows = read(csv_table(text))
    assert codes(rows) == [(4, "Permit No", "duplicate")]
    assert rows[2][2][0].params == {"value": "wp-001", "first_row": 2}


def test_it_treats_a_workbooks_number_and_text_of_the_same_permit_as_duplicates():
    table = xlsx_table(["Permit No", "Name"], [1001, "Ali"], ["1001", "Omar"])
    assert codes(read(table)) == [(3, "Permit No", "duplicate")]


# Error report


def test_it_writes_errors_to_a_workbook_a_user_can_open():
    errors = [
        FileError("missing_column", "The required column 'Name' is missing.", {"key": "name"}),
        RowError(4, "Fee", "not_a_number", "abc is not a number.", {"value": "abc"}),
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(errors_to_xlsx(errors))).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["Row", "Column", "Code", "Message", "Value"],
        [None, None, "missing_column", "The required column 'Name' is missing.", None],
        [4, "Fee", "not_a_number", "abc is not a number.", "abc"],
    ]


def test_its_report_keeps_a_formula_from_the_upload_as_inert_text():
    error = RowError(
        2, "Name", "formula", "The cell holds a formula.", {"value": "=cmd|' /C calc'!A0"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(errors_to_xlsx([error]))).active
    assert sheet["E2"].value == "=cmd|' /C calc'!A0"
    assert sheet["E2"].data_type == "s"


def test_its_report_drops_characters_xml_cannot_hold():
    error = RowError(2, "Name", "x", "bad\x00 value\x1b", {"value": "a\x07b"})
    sheet = openpyxl.load_workbook(io.BytesIO(errors_to_xlsx([error]))).active
    assert (sheet["D2"].value, sheet["E2"].value) == ("bad value", "ab")


def test_its_report_takes_translated_headings_and_messages_and_reads_right_to_left():
    error = RowError(2, "الاسم", "required", "'الاسم' is empty.")
    data = errors_to_xlsx(
        [error],
        headings=["الصف", "العمود", "الرمز", "الرسالة", "القيمة"],
        message=lambda e: {"required": "الخانة فارغة"}[e.code],
        right_to_left=True,
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "الصف"
    assert sheet["D2"].value == "الخانة فارغة"
    assert sheet.sheet_view.rightToLeft
