"""The expat sheet reader gives what openpyxl's own reader gives, cell for cell."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, MAC_EPOCH
from openpyxl.worksheet.formula import ArrayFormula

from taawon.lib.tabular import FileError, open_table
from taawon.lib.tabular.sheet_xml import SheetXmlError, iter_sheet_rows, read_shared_strings

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _workbook(epoch=CALENDAR_WINDOWS_1900) -> bytes:
    book = openpyxl.Workbook()
    book.epoch = epoch
    sheet = book.active
    sheet.append(["رقم التصريح", "Name", "Fee", "Issued", "Paid", "Note"])
    sheet.append(["WP-1", "  أحمد  ", 12, datetime.date(2019, 3, 1), True, None])
    sheet.append(["WP-2", "Ahmad", 12.5, datetime.datetime(2020, 1, 31, 14, 5), False, "x"])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["WP-3", "=CONCAT(A2,B2)", 10**15, datetime.date(1900, 3, 1), None, "#N/A"])
    sheet["C6"] = 7
    sheet["F6"] = "last cell only"
    sheet["A9"] = "after a gap"
    sheet["B9"] = CellRichText(["rich ", TextBlock(InlineFont(b=True), "text")])
    sheet["C9"] = ArrayFormula("C9:C9", "=SUM(C2:C3)")
    sheet["D9"] = datetime.time(6, 30)
    sheet["E9"] = datetime.timedelta(hours=30)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _openpyxl_rows(data: bytes) -> dict[int, tuple]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    sheet = book.active
    sheet.reset_dimensions()
    rows = {
        number: tuple(cells)
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        if cells
    }
    book.close()
    return rows


def _expat_rows(data: bytes, min_row: int = 1) -> dict[int, tuple]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    sheet = book.active
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        strings = []
        if "xl/sharedStrings.xml" in archive.namelist():
            with archive.open("xl/sharedStrings.xml") as src:
                strings = read_shared_strings(src)
        with archive.open(sheet._worksheet_path.lstrip("/")) as src:
            rows = dict(
                iter_sheet_rows(
                    src,
                    shared_strings=strings,
                    date_styles=book._date_formats,
                    timedelta_styles=book._timedelta_formats,
                    epoch=book.epoch,
                    min_row=min_row,
                )
            )
    book.close()
    return rows


def _comparable(rows: dict[int, tuple]) -> dict[int, tuple]:
    # ArrayFormula has no equality of its own; its reference and text are what it says.
    return {
        number: tuple(
            ("array", v.ref, v.text) if isinstance(v, ArrayFormula) else v for v in values
        )
        for number, values in rows.items()
        if values  # a row element without cells: openpyxl's empty tuple, this reader's too
    }


@pytest.mark.parametrize("epoch", [CALENDAR_WINDOWS_1900, CALENDAR_MAC_1904])
def test_it_reads_every_kind_of_cell_as_openpyxl_does(epoch):
    data = _workbook(epoch)
    expected = _comparable(_openpyxl_rows(data))
    assert _comparable(_expat_rows(data)) == expected
    # The cases the comparison is about are really in the sheet.
    assert expected[2][1] == "  أحمد  " and expected[2][3] == datetime.datetime(2019, 3, 1)
    assert expected[5][1] == "=CONCAT(A2,B2)" and expected[6] == (
        None,
        None,
        7,
        None,
        None,
        "last cell only",
    )
    assert 9 in expected and 7 not in expected


def test_it_starts_at_the_row_asked_for():
    data = _workbook()
    rows = _expat_rows(data, min_row=3)
    assert min(rows) == 3
    assert _comparable(rows) == {n: v for n, v in _comparable(_expat_rows(data)).items() if n >= 3}


def _sheet(xml_rows: str) -> io.BytesIO:
    return io.BytesIO(
        f'<worksheet xmlns="{MAIN}"><sheetData>{xml_rows}</sheetData></worksheet>'.encode()
    )


def _rows(xml_rows: str, strings=(), **kwargs) -> dict[int, tuple]:
    options = {
        "shared_strings": list(strings),
        "date_styles": {1},
        "timedelta_styles": set(),
        "epoch": openpyxl.utils.datetime.WINDOWS_EPOCH,
    }
    return dict(iter_sheet_rows(_sheet(xml_rows), **{**options, **kwargs}))


def test_it_reads_inline_strings_without_their_phonetic_runs():
    rows = _rows(
        '<row r="1"><c r="A1" t="inlineStr"><is><r><t>Abu </t></r><r><t>Khalid</t></r>'
        '<rPh sb="0" eb="1"><t>phonetic</t></rPh></is></c>'
        '<c r="B1" t="inlineStr"><is><t>سوف</t></is></c></row>'
    )
    assert rows == {1: ("Abu Khalid", "سوف")}


def test_it_reads_the_shared_strings_table_without_phonetic_runs():
    table = io.BytesIO(
        f'<sst xmlns="{MAIN}"><si><t>plain</t></si><si><r><t>two </t></r><r><t>runs</t></r>'
        '<rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t/></si><si><t>a_x005F_b</t></si>'
        "</sst>".encode()
    )
    assert read_shared_strings(table) == ["plain", "two runs", "", "a_b"]


def test_it_places_cells_without_references_and_keeps_the_first_of_a_repeated_row():
    rows = _rows(
        '<row><c><v>1</v></c><c t="s"><v>0</v></c></row>'
        '<row r="3"><c r="C3" t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c></row>'
        '<row r="3"><c r="A3"><v>99</v></c></row>'
        '<row r="2"><c r="A2"><v>98</v></c></row>',
        strings=["text"],
    )
    assert rows == {1: (1, "text"), 3: (None, None, True, "#DIV/0!")}


def test_it_translates_a_shared_formula_to_each_cell_and_reads_dates_by_style():
    rows = _rows(
        '<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1*2</f><v>4</v></c>'
        '<c r="B1" s="1"><v>43525</v></c><c r="C1" t="str"><f>"a"</f><v>a</v></c></row>'
        '<row r="2"><c r="A2"><f t="shared" si="0"/><v>6</v></c>'
        '<c r="B2" s="1"><v>9999999999</v></c></row>'
    )
    assert rows[1] == ("=B1*2", datetime.datetime(2019, 3, 1), '="a"')
    assert rows[2] == ("=B2*2", "#VALUE!")


def test_it_refuses_a_document_type_declaration():
    xml = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol;'
        "</t></is></c></row></sheetData></worksheet>"
    )
    with pytest.raises(SheetXmlError):
        list(
            iter_sheet_rows(
                io.BytesIO(xml.encode()),
                shared_strings=[],
                date_styles=set(),
                timedelta_styles=set(),
                epoch=MAC_EPOCH,
            )
        )


def test_it_refuses_a_cell_beyond_the_last_column():
    with pytest.raises(SheetXmlError):
        _rows('<row r="1"><c r="ZZZZZZ1"><v>1</v></c></row>')


def test_it_refuses_malformed_xml():
    with pytest.raises(SheetXmlError):
        _rows('<row r="1"><c r="A1"><v>1</v></row>')


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, content if item.filename == name else source.read(item))
    return out.getvalue()


def test_a_workbook_pointing_past_its_strings_table_is_refused_as_damaged():
    sheet = _sheet(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Permit</t></is></c></row>'
        '<row r="2"><c r="A2" t="s"><v>7</v></c></row>'
    ).getvalue()
    broken = _replace_part(_workbook(), "xl/worksheets/sheet1.xml", sheet)
    with pytest.raises(FileError) as error, open_table("permits.xlsx", broken) as table:
        list(table.records())
    assert error.value.code == "not_a_spreadsheet"
