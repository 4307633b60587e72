"""A field error never tells a user anything of another organisation: not a colleague's name,
not whether a user id exists."""

import pytest

from taawon.accounts.models import User
from taawon.accounts.services import create_token
from taawon.core.exceptions import ValidationFailed

from .factories import FarmVisitFactory

NEUTRAL = "Choose a staff member of this unit."


def test_naming_staff_of_another_unit_on_a_visit_does_not_reveal_their_name(personas, unit_a):
    User.objects.filter(pk=personas.counsellor_b.pk).update(
        first_name="Anna", last_name="de Vries"
    )
    personas.counsellor_b.refresh_from_db()

    with pytest.raises(ValidationFailed) as raised:
        FarmVisitFactory(
            employer=unit_a.employer,
            staff=[personas.counsellor_b, personas.admin],
            recorded_by=personas.counsellor_a,
        )

    assert raised.value.field_errors["staff"] == [NEUTRAL]
    assert "Anna" not in str(raised.value.as_dict())
    assert "counsellor_b" not in str(raised.value.as_dict())


def test_the_api_answers_alike_for_a_user_of_another_unit_and_an_unknown_id(
    client, personas, unit_a
):
    User.objects.filter(pk=personas.counsellor_b.pk).update(
        first_name="Anna", last_name="de Vries"
    )
    headers = {"Authorization": f"Bearer {create_token(user=personas.counsellor_a)}"}
    visit = {"employer": unit_a.employer.pk, "date": "2020-07-20", "purpose": "vacancy_collection"}

    def post(staff: list[int]):
        return client.post(
            "/api/v1/employment/visits",
            visit | {"staff": staff},
            content_type="application/json",
            headers=headers,
        )

    other_unit = post([personas.counsellor_b.pk])
    unknown = post([987654])

    assert other_unit.status_code == unknown.status_code == 400
    assert other_unit.json()["errors"] == unknown.json()["errors"] == {"staff": [NEUTRAL]}
    assert "Anna" not in other_unit.content.decode()
