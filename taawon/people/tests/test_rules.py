"""The actions people.rules lists on a person for a user are exactly those that then succeed.

Each action is tried in a savepoint that is rolled back, so that every one is tried on the
same state; a refused action (PermissionDenied, Conflict) fails, any other error is a bug.
"""

import datetime

import pytest
from django.db import transaction

from taawon.core.exceptions import Conflict, PermissionDenied
from taawon.people import rules, services
from taawon.people.models import Person

from .factories import PersonFactory

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


def _attempt(action: str, person: Person, user) -> None:
    if action == rules.CHANGE:
        services.update_person(person=person, data={"phone": ""}, updated_by=user)
    elif action == rules.ARCHIVE:
        services.archive_person(person=person, archived_by=user)
    elif action == rules.RESTORE:
        services.restore_person(person=person, restored_by=user)
    elif action == rules.RECORD_CONSENT:
        services.record_consent(
            person=person,
            purpose="sms",
            given=True,
            date=datetime.date.today(),
            recorded_by=user,
        )
    elif action == rules.ANONYMISE:
        services.anonymise_person(person=person, anonymised_by=user, reason="asked")
    else:
        services.reveal_identifier(identifier=person.identifiers.get(), revealed_by=user)


def _open_in_its_state(person: Person) -> tuple[str, ...]:
    # Archiving an archived record (or restoring an active one) changes nothing and is never
    # offered; the other of the two is what the state asks about.
    status_change = rules.RESTORE if person.status == Person.Status.ARCHIVED else rules.ARCHIVE
    return (rules.CHANGE, status_change, rules.RECORD_CONSENT, rules.REVEAL, rules.ANONYMISE)


@pytest.fixture
def persons(personas):
    def person(owner, national_id):
        return PersonFactory(owner=owner, identifiers={"national_id": national_id})

    archived = person(personas.unit_a, "9851000002")
    services.archive_person(person=archived, archived_by=None)
    survivor = person(personas.unit_a, "9851000003")
    merged = person(personas.unit_a, "9851000004")
    Person.objects.filter(pk=merged.pk).update(status="merged", merged_into=survivor)
    return {
        "mine": person(personas.unit_a, "9851000001"),
        "theirs": person(personas.unit_b, "9851000005"),
        "archived": archived,
        "merged": merged,
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_actions_listed_on_a_person_are_those_that_succeed(personas, persons, role):
    user = getattr(personas, role)
    for name, person in persons.items():
        listed = rules.person_actions(user, Person.objects.get(pk=person.pk))
        succeeded = []
        for action in _open_in_its_state(Person.objects.get(pk=person.pk)):
            with transaction.atomic():
                try:
                    _attempt(action, Person.objects.get(pk=person.pk), user)
                except (PermissionDenied, Conflict):
                    pass
                else:
                    succeeded.append(action)
                transaction.set_rollback(True)
        assert listed == succeeded, (role, name)


def test_the_fixtures_reach_every_action(personas, persons):
    def actions(user, name):
        return rules.person_actions(user, Person.objects.get(pk=persons[name].pk))

    assert actions(personas.counsellor_a, "mine") == [
        "change",
        "archive",
        "record_consent",
        "reveal",
    ]
    assert actions(personas.counsellor_a, "archived") == ["change", "restore", "reveal"]
    assert actions(personas.clerk_a, "mine") == ["change", "archive", "record_consent"]
    assert actions(personas.counsellor_a, "merged") == ["reveal"]
    assert actions(personas.counsellor_a, "theirs") == []
