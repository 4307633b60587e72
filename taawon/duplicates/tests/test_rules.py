"""The actions duplicates.rules lists for a user are exactly those that then succeed.

Each action is tried in a savepoint that is rolled back, so that every one is tried on the
same state; a refused action (PermissionDenied, Conflict) fails, any other error is a bug.
"""

import json

import pytest
from django.db import transaction

from taawon.accounts.services import create_token
from taawon.core.exceptions import Conflict, PermissionDenied
from taawon.duplicates import rules, services
from taawon.duplicates.models import DuplicatePair, Merge

from .factories import khaled, pair_of

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


def _fresh_pair(pair: DuplicatePair) -> DuplicatePair:
    return DuplicatePair.objects.select_related("person_a", "person_b").get(pk=pair.pk)


def _fresh_merge(merge: Merge) -> Merge:
    return Merge.objects.select_related("survivor", "merged", "pair").get(pk=merge.pk)


def _pair_action(action: str, pair: DuplicatePair, user) -> None:
    if action == rules.MERGE:
        services.merge_pair(pair=pair, survivor=pair.person_a, performed_by=user)
    else:
        decision = services.SAME if action == rules.CONFIRM else services.DIFFERENT
        services.review_pair(pair=pair, decision=decision, reviewed_by=user)


def _merge_action(action: str, merge: Merge, user) -> None:
    if action == rules.UNDO:
        services.undo_merge(merge=merge, performed_by=user)
    else:
        services.keep_merge(merge=merge, reviewed_by=user)


def _succeeding(actions, attempt, fresh, record, user) -> list[str]:
    succeeded = []
    for action in actions:
        with transaction.atomic():
            try:
                attempt(action, fresh(record), user)
            except (PermissionDenied, Conflict):
                pass
            else:
                succeeded.append(action)
            transaction.set_rollback(True)
    return succeeded


@pytest.fixture
def pairs(personas):
    """A pair within unit A, one across units A and B, a rejected one, and one whose record
    was merged into a third since."""
    within = pair_of(
        khaled(personas.unit_a, personas.counsellor_a),
        khaled(personas.unit_a, personas.counsellor_a, given_name_en="Khalid"),
    )
    across = pair_of(
        khaled(personas.unit_a, personas.counsellor_a, phone="+962790000001"),
        khaled(personas.unit_b, personas.counsellor_b, phone="+962790000001"),
    )
    rejected = pair_of(
        khaled(personas.unit_a, personas.counsellor_a, phone="+962790000002"),
        khaled(personas.unit_a, personas.counsellor_a, phone="+962790000002"),
        status=DuplicatePair.Status.REJECTED,
    )
    third = khaled(personas.unit_a, personas.counsellor_a, phone="+962790000003")
    gone = khaled(personas.unit_a, personas.counsellor_a, phone="+962790000003")
    stale = pair_of(gone, khaled(personas.unit_a, personas.counsellor_a, phone="+962790000004"))
    services.merge_pair(pair=pair_of(third, gone), survivor=third, performed_by=personas.admin)
    return {"within": within, "across": across, "rejected": rejected, "stale": stale}


@pytest.fixture
def merges(personas):
    """A reviewer's merge, an automatic one waiting for review, one undone, and one whose
    survivor was merged into a third record since. Ask for it before `pairs`: the merge rule
    merges every pending pair it covers."""
    done_pair = pair_of(
        khaled(personas.unit_a, personas.counsellor_a),
        khaled(personas.unit_a, personas.counsellor_a, given_name_en="Khalid"),
    )
    done = services.merge_pair(
        pair=done_pair, survivor=done_pair.person_a, performed_by=personas.counsellor_a
    )
    automatic_pair = pair_of(
        khaled(personas.unit_a, personas.counsellor_a, phone="+962790000011"),
        khaled(personas.unit_b, personas.counsellor_b, phone="+962790000011"),
    )
    codes = {reason["code"] for reason in automatic_pair.reasons} & set(services.RULE_REASONS)
    services.create_merge_rule(
        name="Same phone",
        min_score=0.5,
        required_reasons=sorted(codes)[:1],
        created_by=personas.admin,
    )
    (automatic,) = [m for m in services.apply_merge_rules() if m.pair_id == automatic_pair.pk]
    undone_pair = pair_of(
        khaled(personas.unit_a, personas.counsellor_a, phone="+962790000012"),
        khaled(personas.unit_a, personas.counsellor_a, phone="+962790000012"),
    )
    undone = services.merge_pair(
        pair=undone_pair, survivor=undone_pair.person_a, performed_by=personas.counsellor_a
    )
    services.undo_merge(merge=undone, performed_by=personas.counsellor_a)
    first = khaled(personas.unit_a, personas.counsellor_a, phone="+962790000013")
    second = khaled(personas.unit_a, personas.counsellor_a, phone="+962790000013")
    third = khaled(personas.unit_a, personas.counsellor_a, phone="+962790000013")
    buried = services.merge_pair(
        pair=pair_of(first, second), survivor=first, performed_by=personas.counsellor_a
    )
    services.merge_pair(pair=pair_of(third, first), survivor=third, performed_by=personas.admin)
    return {"done": done, "automatic": automatic, "undone": undone, "buried": buried}


@pytest.mark.parametrize("role", ROLES)
def test_the_actions_listed_on_a_pair_are_those_that_succeed(personas, pairs, role):
    user = getattr(personas, role)
    for name, pair in pairs.items():
        listed = rules.pair_actions(user, _fresh_pair(pair))
        tried = _succeeding(rules.PAIR_ACTIONS, _pair_action, _fresh_pair, pair, user)
        assert listed == tried, (role, name)


@pytest.mark.parametrize("role", ROLES)
def test_the_actions_listed_on_a_merge_are_those_that_succeed(personas, merges, role):
    user = getattr(personas, role)
    for name, merge in merges.items():
        listed = rules.merge_actions(user, _fresh_merge(merge))
        tried = _succeeding(rules.MERGE_ACTIONS, _merge_action, _fresh_merge, merge, user)
        assert listed == tried, (role, name)


def test_every_action_is_open_to_someone(personas, merges, pairs):
    """The fixtures reach every action, so that the tests above compare something."""
    assert rules.pair_actions(personas.counsellor_a, _fresh_pair(pairs["within"])) == [
        "confirm",
        "reject",
        "merge",
    ]
    assert rules.pair_actions(personas.counsellor_a, _fresh_pair(pairs["across"])) == []
    assert rules.merge_actions(personas.officer, _fresh_merge(merges["automatic"])) == [
        "undo",
        "keep",
    ]
    assert rules.merge_actions(personas.counsellor_a, _fresh_merge(merges["done"])) == ["undo"]
    assert rules.merge_actions(personas.admin, _fresh_merge(merges["buried"])) == []


def test_the_api_gives_each_pair_and_merge_the_actions_of_its_reader(
    client, personas, merges, pairs
):
    def get(user, path):
        headers = {"Authorization": f"Bearer {create_token(user=user)}"}
        return json.loads(client.get("/api/v1/duplicates" + path, headers=headers).content)

    for role in ("officer", "counsellor_a", "viewer_a"):
        user = getattr(personas, role)
        pair = pairs["within"]
        body = get(user, f"/pairs/{pair.pk}")
        assert body["actions"] == rules.pair_actions(user, _fresh_pair(pair)), role
        listed = {item["id"]: item["actions"] for item in get(user, "/merges")["items"]}
        for merge in merges.values():
            if merge.pk in listed:
                assert listed[merge.pk] == rules.merge_actions(user, _fresh_merge(merge)), role
    assert get(personas.officer, f"/pairs/{pairs['within'].pk}")["actions"] == [
        "confirm",
        "reject",
        "merge",
    ]
    assert get(personas.viewer_a, f"/pairs/{pairs['within'].pk}")["actions"] == []


def test_the_pages_show_the_buttons_of_the_listed_actions(login, url, personas, merges, pairs):
    html = login(personas.counsellor_a).get(url("pair_detail", pairs["within"].pk))
    assert "Confirm and merge" in html.content.decode()
    assert "Not the same person" in html.content.decode()
    html = login(personas.viewer_a).get(url("pair_detail", pairs["within"].pk)).content.decode()
    assert "Confirm and merge" not in html and "Not the same person" not in html
    # The merge list: the officer may undo and keep the automatic merge; unit A's counsellor
    # sees the reviewer's merge with Undo only, and nothing to do on the undone one.
    html = login(personas.officer).get(url("merge_list")).content.decode()
    assert url("merge_keep", merges["automatic"].pk) in html
    assert url("merge_undo", merges["automatic"].pk) in html
    assert url("merge_undo", merges["buried"].pk) not in html
    html = login(personas.counsellor_a).get(url("merge_list")).content.decode()
    assert url("merge_undo", merges["done"].pk) in html
    assert url("merge_keep", merges["done"].pk) not in html
    assert url("merge_undo", merges["undone"].pk) not in html
