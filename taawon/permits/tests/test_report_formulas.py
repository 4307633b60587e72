"""The ministry's report keeps users' text as text: a cooperative's name is never a formula."""

import datetime
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from ..models import Permit
from .factories import cooperative_of, person

EVIL = '=HYPERLINK("http://evil.example/","Coop")'


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_cooperative_named_like_a_formula_is_exported_as_text(client, personas, language):
    cooperative = cooperative_of(personas.coop_a, name_en=EVIL, name_ar=EVIL)
    Permit.objects.create(
        person=person(personas.unit_a, sex="male", nationality="SY"),
        cooperative=cooperative,
        owner=personas.unit_a,
        sector="agriculture",
        status=Permit.Status.ISSUED,
        permit_number="F1",
        issued_on=datetime.date(2020, 3, 1),
        expires_on=datetime.date(2021, 3, 1),
    )
    client.force_login(personas.officer)

    with translation.override(language):  # the request activates it; later tests read English
        response = client.get(
            f"/{language}/permits/report.xlsx", {"start": "01/01/2020", "end": "31/12/2020"}
        )

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == EVIL]
    assert cells, "the cooperative's name is in the report"
    assert {cell.data_type for cell in cells} == {"s"}
    # the numbers stay numbers
    assert any(
        cell.data_type == "n" and cell.value == 1 for row in sheet.iter_rows() for cell in row
    )
