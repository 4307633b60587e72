"""A record dated in a locked reporting period may be created or changed only with a reason,
which is kept and counted on the unit indicators ("N edits after lock")."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from taawon.core.exceptions import ValidationFailed
from taawon.indicators import queries as indicator_queries
from taawon.indicators import services as indicator_services
from taawon.indicators.models import LockedEdit
from taawon.people.tests.factories import governorate

from ..awareness.models import AwarenessSession
from ..awareness.services import record_awareness_session, update_awareness_session
from ..employers.models import FarmVisit
from ..employers.services import record_farm_visit, update_farm_visit
from ..placements.models import Placement, Referral
from ..placements.services import place_job_seeker, refer_job_seeker, update_placement
from ..seekers.models import JobSeeker
from ..seekers.services import register_job_seeker, update_job_seeker
from ..unit import aggregates
from .factories import PersonFactory
from .test_api import Api

pytestmark = pytest.mark.django_db

LOCKED = (datetime.date(2020, 7, 1), datetime.date(2020, 9, 30))
IN_LOCK = datetime.date(2020, 8, 10)
AFTER = datetime.date(2020, 10, 5)


@pytest.fixture
def locked(personas):
    """Q3 2020 locked by the officer for cooperative A, hence for unit A under it."""
    return indicator_services.lock_period(
        organisation=personas.coop_a, start=LOCKED[0], end=LOCKED[1], locked_by=personas.officer
    )


def visit(unit_a, personas, day, **kwargs):
    return record_farm_visit(
        employer=unit_a.employer,
        date=day,
        purpose=FarmVisit.Purpose.OUTREACH,
        staff=[personas.counsellor_a],
        recorded_by=personas.counsellor_a,
        **kwargs,
    )


def test_a_visit_in_a_locked_period_needs_a_reason_and_keeps_it(
    personas, unit_a, locked, writes_nothing
):
    with writes_nothing(), pytest.raises(ValidationFailed) as refused:
        visit(unit_a, personas, IN_LOCK)
    assert "reason" in refused.value.field_errors
    assert not LockedEdit.objects.exists()

    made = visit(unit_a, personas, IN_LOCK, reason="  Paper form found late  ")

    edit = LockedEdit.objects.get()
    assert (edit.model_label, edit.object_id) == ("employment.farmvisit", made.pk)
    assert edit.date == IN_LOCK
    assert (edit.organisation_id, edit.reason, edit.by) == (
        personas.unit_a.pk,
        "Paper form found late",
        personas.counsellor_a,
    )


def test_outside_a_locked_period_or_of_another_unit_nothing_is_asked(
    personas, unit_a, unit_b, locked
):
    visit(unit_a, personas, AFTER)
    record_farm_visit(
        employer=unit_b.employer,
        date=IN_LOCK,
        purpose=FarmVisit.Purpose.OUTREACH,
        staff=[personas.counsellor_b],
        recorded_by=personas.counsellor_b,
    )
    assert not LockedEdit.objects.exists()


def test_moving_a_visit_out_of_a_locked_period_is_an_edit_of_it(personas, unit_a, locked):
    made = visit(unit_a, personas, AFTER)
    with pytest.raises(ValidationFailed) as refused:
        update_farm_visit(visit=made, updated_by=personas.counsellor_a, date=IN_LOCK)
    assert "reason" in refused.value.field_errors
    made.refresh_from_db()
    assert made.date == AFTER
    moved = visit(unit_a, personas, IN_LOCK, reason="Recorded late")
    update_farm_visit(
        visit=moved, updated_by=personas.counsellor_a, date=AFTER, reason="Wrong date typed"
    )
    assert sorted(LockedEdit.objects.values_list("reason", flat=True)) == [
        "Recorded late",
        "Wrong date typed",
    ]


def test_a_registration_in_a_locked_period_needs_a_reason(personas, unit_a):
    today = timezone.localdate()
    indicator_services.lock_period(
        organisation=personas.unit_a, start=today, end=today, locked_by=personas.officer
    )
    person = PersonFactory(owner=personas.unit_a)
    with pytest.raises(ValidationFailed) as refused:
        register_job_seeker(
            person=person, occupations=["9211"], registered_by=personas.counsellor_a
        )
    assert "reason" in refused.value.field_errors
    assert not JobSeeker.objects.filter(person=person).exists()
    seeker = register_job_seeker(
        person=person,
        occupations=["9211"],
        registered_by=personas.counsellor_a,
        reason="Registered at the outreach day",
    )
    with pytest.raises(ValidationFailed):
        update_job_seeker(job_seeker=seeker, updated_by=personas.counsellor_a, max_travel_km=40)
    update_job_seeker(
        job_seeker=seeker, updated_by=personas.counsellor_a, max_travel_km=40, reason="Moved"
    )
    assert LockedEdit.objects.filter(model_label="employment.jobseeker").count() == 2


def test_a_referral_and_a_placement_in_a_locked_period_need_a_reason(personas, unit_a, locked):
    with pytest.raises(ValidationFailed) as refused:
        refer_job_seeker(
            job_seeker=unit_a.seeker,
            vacancy=unit_a.vacancy,
            referred_on=IN_LOCK,
            referred_by=personas.counsellor_a,
        )
    assert "reason" in refused.value.field_errors
    assert not Referral.objects.exists()
    referral = refer_job_seeker(
        job_seeker=unit_a.seeker,
        vacancy=unit_a.vacancy,
        referred_on=IN_LOCK,
        referred_by=personas.counsellor_a,
        reason="Late paperwork",
    )
    terms = {"contract_type": "seasonal", "wage": "15", "wage_period": "daily"}
    with pytest.raises(ValidationFailed) as refused:
        place_job_seeker(
            referral=referral, start_date=IN_LOCK, placed_by=personas.counsellor_a, **terms
        )
    assert "reason" in refused.value.field_errors
    assert not Placement.objects.exists()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REFERRED
    placement = place_job_seeker(
        referral=referral,
        start_date=IN_LOCK,
        placed_by=personas.counsellor_a,
        reason="Late paperwork",
        **terms,
    )
    with pytest.raises(ValidationFailed):
        update_placement(placement=placement, updated_by=personas.counsellor_a, wage="16")
    update_placement(
        placement=placement, updated_by=personas.counsellor_a, wage="16", reason="Wage corrected"
    )
    assert list(LockedEdit.objects.order_by("pk").values_list("model_label", flat=True)) == [
        "employment.referral",
        "employment.placement",
        "employment.placement",
    ]


def test_an_awareness_session_in_a_locked_period_needs_a_reason(personas, locked):
    values = {
        "owner": personas.unit_a,
        "topic": AwarenessSession.Topic.OSH,
        "date": IN_LOCK,
        "governorate": governorate("JO-MA"),
        "venue": "Cooperative hall",
        "facilitator": "Rania",
        "recorded_by": personas.counsellor_a,
        "head_counts": {("female", "SY"): 6},
    }
    with pytest.raises(ValidationFailed) as refused:
        record_awareness_session(**values)
    assert "reason" in refused.value.field_errors
    assert not AwarenessSession.objects.exists()
    session = record_awareness_session(**values, reason="Sign-in sheet came late")
    with pytest.raises(ValidationFailed):
        update_awareness_session(
            session=session, updated_by=personas.counsellor_a, head_counts={("female", "SY"): 7}
        )
    assert session.head_counts.get().count == 6
    assert LockedEdit.objects.filter(model_label="employment.awarenesssession").count() == 1


def test_the_api_answers_400_on_reason_and_then_accepts_it(client, personas, unit_a, locked):
    api = Api(client, personas.counsellor_a)
    body = {
        "employer": unit_a.employer.pk,
        "date": IN_LOCK.isoformat(),
        "purpose": "outreach",
    }
    refused = api.post("/visits", body)
    assert refused.status_code == 400 and "reason" in refused.json()["errors"]
    assert not FarmVisit.objects.exists()
    created = api.post("/visits", {**body, "reason": "Paper form found late"})
    assert created.status_code == 201
    moved = api.patch(f"/visits/{created.json()['id']}", {"date": AFTER.isoformat()})
    assert moved.status_code == 400 and "reason" in moved.json()["errors"]
    assert LockedEdit.objects.count() == 1


def test_the_form_shows_the_reason_field_only_when_the_period_is_locked(
    client, personas, unit_a, locked
):
    client.force_login(personas.counsellor_a)
    url = f"/en/employment/employers/{unit_a.employer.pk}/visits/new/"
    empty = client.get(url).content.decode()
    assert '<textarea name="reason"' not in empty
    post = {
        "date": "10/08/2020",
        "purpose": "outreach",
        "staff": [personas.counsellor_a.pk],
    }
    asked = client.post(url, post)
    assert asked.status_code == 200
    page = asked.content.decode()
    assert '<textarea name="reason"' in page
    assert "its reporting period is locked" in page.lower() or "locked" in page
    assert not FarmVisit.objects.exists()
    done = client.post(url, {**post, "reason": "Paper form found late"})
    assert done.status_code == 302
    assert LockedEdit.objects.get().reason == "Paper form found late"


def test_the_unit_indicators_count_the_edits_after_lock(client, personas, unit_a, locked):
    visit(unit_a, personas, IN_LOCK, reason="Paper form found late")
    visit(unit_a, personas, datetime.date(2020, 9, 1), reason="Another late form")
    assert aggregates.edits_after_lock(personas.counsellor_a, start=LOCKED[0], end=LOCKED[1]) == 2
    assert aggregates.edits_after_lock(personas.counsellor_b, start=LOCKED[0], end=LOCKED[1]) == 0
    assert indicator_queries.locked_edits([personas.unit_a.pk], AFTER, AFTER).count() == 0
    assert aggregates.edits_after_lock(personas.aggregate, start=LOCKED[0], end=LOCKED[1]) == 2

    client.force_login(personas.counsellor_a)
    page = client.get("/en/employment/indicators/?start=2020-07-01&end=2020-09-30")
    assert "2 edits after lock" in page.content.decode()
    quiet = client.get("/en/employment/indicators/?start=2020-10-01&end=2020-12-31")
    assert "after lock" not in quiet.content.decode()
    api = Api(client, personas.counsellor_a)
    body = client.get(
        "/api/v1/employment/indicators?start=2020-07-01&end=2020-09-30", headers=api.headers
    ).json()
    assert body["edits_after_lock"] == 2


def test_the_dashboards_and_their_pdf_flag_the_edits_after_lock(client, personas, unit_a, locked):
    from taawon.core.testing import pdf_text

    visit(unit_a, personas, IN_LOCK, reason="Paper form found late")
    quarter = "start=2020-07-01&end=2020-09-30"
    client.force_login(personas.counsellor_a)
    page = client.get(f"/en/reports/country/?{quarter}").content.decode()
    assert 'id="edits-after-lock"' in page and "1 edit after lock" in page
    unit_page = client.get(f"/en/reports/unit/{personas.unit_a.pk}/?{quarter}").content.decode()
    assert "1 edit after lock" in unit_page
    pdf = client.get(f"/en/reports/country/report.pdf?{quarter}").content
    assert "1 edit after lock" in " ".join(pdf_text(pdf).split())
    arabic = client.get(f"/ar/reports/country/?{quarter}").content.decode()
    assert "تعديل واحد بعد القفل" in arabic
    # Unit B's counsellor counts unit B's records only: no edit of theirs.
    client.force_login(personas.counsellor_b)
    assert "after lock" not in client.get(f"/en/reports/country/?{quarter}").content.decode()
    # The next quarter has none.
    client.force_login(personas.counsellor_a)
    later = client.get("/en/reports/country/?start=2020-10-01&end=2020-12-31").content.decode()
    assert "after lock" not in later
