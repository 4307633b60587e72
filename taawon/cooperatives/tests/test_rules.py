"""The actions cooperatives.rules lists on a cooperative for a user are exactly those that then
succeed, and the API and the page offer those.

Each action is tried in a savepoint that is rolled back, so that every one is tried on the
same state; a refused action (PermissionDenied, or ValidationFailed on an archived record) does
not succeed, any other error is a bug.
"""

import datetime

import pytest
from django.db import transaction

from taawon.accounts.services import create_token
from taawon.core.exceptions import PermissionDenied, ValidationFailed

from .. import rules, services
from ..models import Cooperative
from .factories import CooperativeFactory

ROLES = (
    "admin",
    "officer",
    "ministry_officer",
    "admin_a",
    "counsellor_a",
    "counsellor_b",
    "clerk_a",
    "viewer_a",
    "aggregate",
    "outsider",
)


def _attempt(action: str, cooperative: Cooperative, user) -> None:
    if action == rules.CHANGE:
        services.update_cooperative(
            cooperative=cooperative, updated_by=user, contact_person="Rana Haddad"
        )
    elif action == rules.RECORD_MEMBERS:
        services.set_member_counts(
            cooperative=cooperative,
            as_of=datetime.date(2024, 1, 1),
            counts={("female", "JO"): 12, ("male", "SY"): 3},
            recorded_by=user,
        )
    elif action == rules.ADD_UNIT:
        services.attach_employment_unit(
            cooperative=cooperative, name_en="Valley unit", name_ar="وحدة الغور", created_by=user
        )
    else:
        services.archive_cooperative(cooperative=cooperative, archived_by=user)


def _open_in_its_state(cooperative: Cooperative) -> tuple[str, ...]:
    # Archiving an archived cooperative changes nothing and is never offered.
    if cooperative.is_archived:
        return (rules.CHANGE, rules.RECORD_MEMBERS, rules.ADD_UNIT)
    return rules.ACTIONS


@pytest.fixture
def cooperatives(personas):
    archived = CooperativeFactory(owner=personas.coop_a)
    services.archive_cooperative(cooperative=archived, archived_by=None)
    return {
        "a": CooperativeFactory(owner=personas.coop_a),
        "unit_a": CooperativeFactory(owner=personas.unit_a),
        "b": CooperativeFactory(owner=personas.coop_b),
        "office": CooperativeFactory(owner=personas.country_office),
        "archived": archived,
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_actions_listed_on_a_cooperative_are_those_that_succeed(
    personas, cooperatives, role
):
    user = getattr(personas, role)
    for name, cooperative in cooperatives.items():
        listed = rules.cooperative_actions(user, Cooperative.objects.get(pk=cooperative.pk))
        succeeded = []
        for action in _open_in_its_state(Cooperative.objects.get(pk=cooperative.pk)):
            with transaction.atomic():
                try:
                    _attempt(action, Cooperative.objects.get(pk=cooperative.pk), user)
                except (PermissionDenied, ValidationFailed):
                    pass
                else:
                    succeeded.append(action)
                transaction.set_rollback(True)
        assert listed == succeeded, (role, name)


def test_the_fixtures_reach_every_action(personas, cooperatives):
    def actions(user, name):
        return rules.cooperative_actions(user, cooperatives[name])

    everything = ["change", "record_members", "add_unit", "archive"]
    assert actions(personas.admin_a, "a") == everything
    assert actions(personas.officer, "b") == everything
    assert actions(personas.counsellor_a, "unit_a") == everything
    assert actions(personas.counsellor_a, "a") == []
    assert actions(personas.viewer_a, "a") == []
    assert actions(personas.officer, "archived") == []


def test_the_api_and_the_page_offer_the_listed_actions(client, personas, cooperatives):
    def api_actions(user, name):
        headers = {"Authorization": f"Bearer {create_token(user=user)}"}
        url = f"/api/v1/cooperatives/{cooperatives[name].pk}"
        return client.get(url, headers=headers).json()["actions"]

    assert api_actions(personas.admin_a, "a") == ["change", "record_members", "add_unit", "archive"]
    assert api_actions(personas.viewer_a, "a") == []
    assert api_actions(personas.officer, "archived") == []
    listed = client.get(
        "/api/v1/cooperatives",
        headers={"Authorization": f"Bearer {create_token(user=personas.counsellor_a)}"},
    ).json()["items"]
    assert {c["id"]: c["actions"] for c in listed}[cooperatives["unit_a"].pk] == [
        "change",
        "record_members",
        "add_unit",
        "archive",
    ]

    client.force_login(personas.admin_a)
    page = client.get(f"/en/cooperatives/{cooperatives['a'].pk}/").content.decode()
    assert f"/en/cooperatives/{cooperatives['a'].pk}/archive/" in page
    assert f"/en/cooperatives/{cooperatives['a'].pk}/members/" in page
    client.force_login(personas.officer)
    archived = client.get(f"/en/cooperatives/{cooperatives['archived'].pk}/").content.decode()
    assert "/archive/" not in archived and "/members/" not in archived
    members = client.get(f"/en/cooperatives/{cooperatives['archived'].pk}/members/")
    assert members.status_code == 404
