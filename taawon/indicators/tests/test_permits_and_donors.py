"""Work permit indicators, and what an aggregate viewer (a donor) gets of the engine."""

from __future__ import annotations

import datetime

import pytest

from taawon.indicators.engine import IndicatorError, compute
from taawon.indicators.published import publish
from taawon.permits import services as permit_services
from taawon.permits.tests.factories import issue, issued

ISSUED_ON = datetime.date(2023, 3, 1)
MARCH = {"start": datetime.date(2023, 3, 1), "end": datetime.date(2023, 3, 31)}
YEAR = {"start": datetime.date(2023, 1, 1), "end": datetime.date(2023, 12, 31)}


@pytest.fixture
def permits(personas, world):
    """Khaled (unit A): a permit issued on 1 March 2023 and renewed on 1 March 2024; Mariam
    (unit B): a permit issued on 1 March 2023."""
    first = issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
    )
    renewal = permit_services.renew_permit(permit=first, created_by=personas.counsellor_a)
    issued(
        person=world.mariam,
        cooperative=world.coop_b,
        by=personas.counsellor_b,
        decided_by=personas.ministry_officer,
    )
    return first, renewal


@pytest.mark.django_db
def test_permits_issued_counts_first_permits_by_their_issue_date(personas, permits):
    assert compute(personas.counsellor_a, "permits_issued", **MARCH).total == 1
    assert compute(personas.officer, "permits_issued", **MARCH).total == 2
    by_sex = compute(personas.officer, "permits_issued", by=["sex"], **MARCH)
    assert by_sex.cells == {("female",): 1, ("male",): 1}
    # The ministry officer reads permits sent to the ministry only; the page is not theirs,
    # but the engine's scope is the permits app's.
    assert compute(personas.ministry_officer, "permits_issued", **MARCH).total == 2
    assert compute(personas.counsellor_a, "permits_renewed", **YEAR).total == 0


@pytest.mark.django_db
def test_permits_renewed_counts_renewals_once_issued(personas, permits):
    first, renewal = permits
    from taawon.permits.documents import REQUIRED

    permit_services.set_documents(
        permit=renewal, documents_received=REQUIRED[renewal.kind], updated_by=personas.counsellor_a
    )
    permit_services.submit_application(permit=renewal, submitted_by=personas.counsellor_a)
    issue(
        renewal,
        by=personas.ministry_officer,
        issued_on=datetime.date(2024, 3, 1),
        expires_on=datetime.date(2025, 2, 28),
    )
    year = {"start": datetime.date(2024, 1, 1), "end": datetime.date(2024, 12, 31)}
    assert compute(personas.counsellor_a, "permits_renewed", **year).total == 1
    assert compute(personas.counsellor_a, "permits_issued", **year).total == 0
    assert compute(personas.counsellor_b, "permits_renewed", **year).total == 0


@pytest.mark.django_db
def test_an_aggregate_viewer_counts_the_country_with_small_cells_hidden(personas, permits):
    result = compute(personas.aggregate, "permits_issued", by=["sex"], **MARCH)
    assert result.total == 2
    shown = publish(result, personas.aggregate)
    assert shown.suppressed
    # A total of 2 is withheld, and so is each of its small cells (one marker for all).
    assert shown.total == "x"
    assert shown.cell("female") == shown.cell("male") == "x"
    staff = publish(compute(personas.officer, "permits_issued", **MARCH), personas.officer)
    assert not staff.suppressed and staff.total == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2023-03-02", "end": "2023-03-31"}, "start"),
        ({"start": "2023-03-01", "end": "2023-03-31", "by": ["unit"]}, "by"),
        ({"start": "2023-03-01", "end": "2023-03-31", "filters": {"unit": "unit A"}}, "unit"),
    ],
)
def test_an_aggregate_viewer_gets_whole_periods_and_governorates_at_the_finest(
    personas, query, field
):
    if "filters" in query:
        query = {**query, "filters": {"unit": str(personas.unit_a.pk)}}
    with pytest.raises(IndicatorError) as refused:
        compute(personas.aggregate, "permits_issued", **query)
    assert field in refused.value.field_errors
    # Staff may ask for the same.
    compute(personas.officer, "permits_issued", **query)
