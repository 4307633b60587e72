"""A permit issued on a day of a locked reporting period of its owner needs a reason: the
permits issued and renewed count by issue date, so the period's figures would change."""

from __future__ import annotations

import datetime

import pytest

from taawon.core.exceptions import ValidationFailed
from taawon.indicators import services as indicator_services
from taawon.indicators.models import LockedEdit

from ..models import Permit
from .factories import issue, submitted
from .test_api import Api

pytestmark = pytest.mark.django_db

ISSUED_ON = datetime.date(2023, 3, 1)


@pytest.fixture
def locked(personas):
    return indicator_services.lock_period(
        organisation=personas.unit_a,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 3, 31),
        locked_by=personas.officer,
    )


def test_issuing_in_a_locked_period_needs_a_reason(personas, world, locked):
    permit = submitted(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    with pytest.raises(ValidationFailed) as refused:
        issue(permit, by=personas.ministry_officer, issued_on=ISSUED_ON)
    assert "reason" in refused.value.field_errors
    permit.refresh_from_db()
    assert permit.status == Permit.Status.SUBMITTED and permit.permit_number in ("", None)

    issue(permit, by=personas.ministry_officer, issued_on=ISSUED_ON, reason="Decision came late")

    edit = LockedEdit.objects.get()
    assert (edit.model_label, edit.object_id, edit.date) == ("permits.permit", permit.pk, ISSUED_ON)
    assert edit.by == personas.ministry_officer


def test_issuing_after_the_locked_period_asks_nothing(personas, world, locked):
    permit = submitted(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    issue(permit, by=personas.ministry_officer, issued_on=datetime.date(2023, 4, 2))
    assert not LockedEdit.objects.exists()


def test_the_api_names_the_reason(client, personas, world, locked):
    permit = submitted(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    ministry = Api(client, personas.ministry_officer)
    decision = {
        "permit_number": "WP-2023-0001",
        "issued_on": ISSUED_ON.isoformat(),
        "expires_on": "2024-02-29",
    }
    refused = ministry.post(f"/{permit.pk}/issue", decision)
    assert refused.status_code == 400 and "reason" in refused.json()["errors"]
    done = ministry.post(f"/{permit.pk}/issue", {**decision, "reason": "Decision came late"})
    assert done.status_code == 200, done.content
    assert LockedEdit.objects.get().reason == "Decision came late"
