import io

import pytest
from openpyxl import Workbook, load_workbook

from taawon.lib.tabular import RowError, errors_to_xlsx
from taawon.lib.tabular.sanitise import csv_row, csv_value, neutralise_sheet

EVIL = '=HYPERLINK("http://evil.example/","Coop")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_text_starting_like_a_formula_gets_an_apostrophe(start):
    assert csv_value(f"{start}1+1") == f"'{start}1+1"


def test_csv_leaves_other_text_and_numbers_alone():
    assert csv_row(["Coop", "a=b", -5, None, "محمد"]) == ["Coop", "a=b", -5, None, "محمد"]


def _saved(workbook: Workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue())).active


def test_a_neutralised_sheet_holds_formulas_as_text():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([EVIL, "+1", "Coop", 3])
    neutralise_sheet(sheet)
    saved = _saved(workbook)
    cells = list(saved.iter_rows())[0]
    assert [cell.value for cell in cells] == [EVIL, "+1", "Coop", 3]
    assert [cell.data_type for cell in cells] == ["s", "s", "s", "n"]


def test_the_error_workbook_holds_an_uploaded_formula_as_text():
    value = EVIL + "\x01"  # and a character XML cannot carry
    error = RowError(row=2, column="name", code="required", message="x", params={"value": value})
    sheet = load_workbook(io.BytesIO(errors_to_xlsx([error]))).active
    value_cell = list(sheet.iter_rows())[1][4]
    assert value_cell.value == EVIL
    assert value_cell.data_type == "s"
