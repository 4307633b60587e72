"""The XLSX and CSV writers of list exports: what a spreadsheet program and the HXL library
read back from them."""

import datetime
import decimal
import io

import hxl
from openpyxl import load_workbook

from taawon.lib.tabular.export import BOM, iter_csv, write_csv, write_xlsx

AMMAN = datetime.timezone(datetime.timedelta(hours=3))
HEADERS = ["الاسم", "Sex", "Registered on", "Wage", "Placed"]
HXL = ["#person+name", "#sex", "#date+registered", "#value+wage", "#meta+placed"]
ROWS = [
    ["محمد الخليل", "male", datetime.date(2020, 7, 1), decimal.Decimal("12.500"), True],
    ['=HYPERLINK("http://evil.example/","Coop")', "female", None, None, False],
    ["+962791234567", "-1", datetime.datetime(2020, 7, 2, 9, 30, tzinfo=AMMAN), 3, None],
]


def xlsx_rows(rows=ROWS):
    target = io.BytesIO()
    count = write_xlsx(target, headers=HEADERS, rows=iter(rows), title="People: [all]")
    target.seek(0)
    sheet = load_workbook(target).active
    return count, sheet


def test_xlsx_holds_headers_and_rows_with_real_dates_and_numbers():
    count, sheet = xlsx_rows()
    assert count == 3
    assert sheet.title == "People   all"
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet["A2"].value == "محمد الخليل"
    assert sheet["C2"].value == datetime.datetime(2020, 7, 1)  # a date cell, not text
    assert sheet["C2"].is_date
    assert sheet["D2"].value == 12.5
    assert sheet["E2"].value is True
    assert sheet["C4"].value == datetime.datetime(2020, 7, 2, 9, 30)


def test_xlsx_never_writes_a_formula():
    _count, sheet = xlsx_rows()
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    assert sheet["A3"].value.startswith("=HYPERLINK")
    assert sheet["A3"].data_type == "s"
    assert sheet["A4"].data_type == "s" and sheet["B4"].data_type == "s"


def test_xlsx_reports_progress_as_it_goes():
    seen = []
    rows = ([str(i), "male", None, i, False] for i in range(2_500))
    write_xlsx(io.BytesIO(), headers=HEADERS, rows=rows, progress=seen.append)
    assert seen == [1_000, 2_000, 2_500]


def csv_text(rows=ROWS) -> str:
    target = io.BytesIO()
    count = write_csv(target, headers=HEADERS, hxl=HXL, rows=iter(rows))
    assert count == len(rows)
    return target.getvalue().decode("utf-8")


def test_csv_starts_with_a_byte_order_mark_and_writes_iso_dates():
    text = csv_text()
    assert text.startswith(BOM + "الاسم,Sex")
    lines = text.splitlines()
    assert lines[1] == ",".join(HXL)
    assert lines[2] == "محمد الخليل,male,2020-07-01,12.500,true"
    assert lines[4].split(",")[2] == "2020-07-02T09:30:00+03:00"


def test_csv_neutralises_formulas():
    lines = csv_text().splitlines()
    assert lines[3].startswith("\"'=HYPERLINK(")
    assert lines[4].startswith("'+962791234567,'-1,")


def test_csv_parses_with_the_hxl_library():
    text = csv_text()
    source = hxl.data(io.BytesIO(text.encode("utf-8")), hxl.InputOptions(allow_local=True))
    assert [column.display_tag for column in source.columns] == HXL
    rows = list(source)
    assert len(rows) == 3
    assert rows[0].get("#person+name") == "محمد الخليل"
    assert rows[0].get("#date+registered") == "2020-07-01"
    assert rows[1].get("#sex") == "female"


def test_iter_csv_is_lazy():
    def endless():
        n = 0
        while True:
            n += 1
            yield [str(n), "", None, n, False]

    lines = iter_csv(headers=HEADERS, hxl=HXL, rows=endless())
    first = [next(lines) for _ in range(4)]
    assert first[2] == "1,,,1,false\r\n"


def test_xlsx_header_is_bold_and_frozen_and_the_sheet_may_run_right_to_left():
    target = io.BytesIO()
    write_xlsx(target, headers=HEADERS, rows=iter(ROWS), right_to_left=True)
    sheet = load_workbook(target).active
    assert sheet["A1"].font.bold and not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.sheet_view.rightToLeft
    target = io.BytesIO()
    write_xlsx(target, headers=HEADERS, rows=iter(ROWS))
    assert not load_workbook(target).active.sheet_view.rightToLeft


def test_xlsx_keeps_odd_values_readable():
    rows = [["a\x00b\x07c", "<&>", float("nan"), decimal.Decimal("Infinity"), 10**20]]
    _count, sheet = xlsx_rows(rows)
    assert [cell.value for cell in sheet[2]] == ["abc", "<&>", "nan", "Infinity", 10**20]
