"""Reports of complaints: the export (pseudonymised, sensitive rows only for those who read
them) and the indicators registered with the engine."""

import pytest
from django.core.cache import cache
from django.http import QueryDict

from taawon.exports import registry as exports
from taawon.exports.tests.conftest import export_url, workbook_rows
from taawon.indicators import registry as indicators

from .. import services
from .factories import complaint, focal_point


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_the_export_holds_what_the_list_shows_and_no_text_or_name(client, personas):
    ordinary = complaint(personas.unit_a, complainant_kind="worker", contact_name="Huda Zzyzx")
    abuse = complaint(personas.unit_a, category="harassment")
    focal = focal_point(personas.unit_a)
    export = exports.get("complaints")
    assert list(export.rows(personas.counsellor_a, QueryDict())) == [ordinary]
    assert set(export.rows(focal, QueryDict())) == {ordinary, abuse}
    assert not export.may_read(personas.ministry_officer)
    client.force_login(personas.counsellor_a)
    response = client.get(export_url("complaints"))
    assert response.status_code == 200
    rows = workbook_rows(response)
    flat = repr(rows)
    assert ordinary.reference in flat and abuse.reference not in flat
    assert "Huda" not in flat and "أجري" not in flat
    assert rows[0][0] == "Reference number"


def test_the_indicators_count_by_category_closure_and_satisfaction(personas):
    codes = {i.code for i in indicators.all_indicators()}
    assert {
        "complaints_received",
        "complaints_harassment",
        "complaints_thanks",
        "complaints_closed",
        "complaint_days_to_close",
        "complaints_satisfied",
    } <= codes
    wages = complaint(personas.unit_a)
    complaint(personas.unit_a, category="thanks")
    complaint(personas.unit_b)
    services.take_step(
        complaint=wages, action="close", by=None, person_informed=True, satisfaction=5
    )
    rows = indicators.get("complaints_wages_unpaid").scoped_rows(personas.counsellor_a)
    assert list(rows) == [wages]
    assert indicators.get("complaints_satisfied").scoped_rows(personas.officer).count() == 1
    assert indicators.get("complaints_received").scoped_rows(personas.officer).count() == 3


def test_the_engine_computes_the_complaints_indicators(client, personas):
    from django.utils import timezone

    from taawon.accounts.services import create_token

    wages = complaint(personas.unit_a)
    complaint(personas.unit_b, category="harassment")
    services.take_step(complaint=wages, action="close", by=None, person_informed=True)
    year = timezone.localdate().year
    token = {"Authorization": f"Bearer {create_token(user=personas.officer)}"}
    values = {}
    for code in ("complaints_received", "complaints_harassment", "complaint_days_to_close"):
        response = client.get(
            f"/api/v1/indicators/{code}",
            {"start": f"{year}-01-01", "end": f"{year}-12-31", "by": "unit"},
            headers=token,
        )
        assert response.status_code == 200, response.content
        body = response.json()
        values[code] = (
            body["total"],
            {cell["keys"]["unit"]: cell["value"] for cell in body["cells"]},
        )
    a, b = str(personas.unit_a.pk), str(personas.unit_b.pk)
    assert values["complaints_received"][0] == 2
    assert values["complaints_received"][1][a] == values["complaints_received"][1][b] == 1
    # Counted, never shown: the sensitive complaint is in unit B's figure.
    assert values["complaints_harassment"][1][b] == 1
    assert values["complaint_days_to_close"][0] == 0
