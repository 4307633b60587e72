"""Each app moves its own rows about a person on a merge, and back on its undo."""

import datetime

import pytest
from django.apps import apps

from taawon.core import events
from taawon.duplicates import services
from taawon.employment.awareness.services import record_awareness_session
from taawon.employment.models import AwarenessSession
from taawon.employment.seekers.services import register_job_seeker
from taawon.people.models import Person
from taawon.permits.models import Permit
from taawon.permits.tests.factories import application, cooperative_of

from .factories import ConsentFactory, governorate, khaled, pair_of


def apps_with_links_to_a_person() -> dict[str, list[str]]:
    """Every installed app holding a relation to a person: {app label: ["model.field"]}."""
    found: dict[str, list[str]] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            # Forward links only: a reverse accessor on a model a person points to (its
            # organisation, its governorate) is no row about a person.
            if field.is_relation and not field.auto_created and field.related_model is Person:
                found.setdefault(model._meta.app_label, []).append(
                    f"{model._meta.model_name}.{field.name}"
                )
    return found


def registered_by(event: str) -> set[str]:
    return {events.owner(path) for path in events.HANDLERS.get(event, [])}


def test_every_app_with_rows_about_a_person_registers_its_merge_handlers():
    linked = apps_with_links_to_a_person()
    assert {"people", "employment", "permits", "duplicates"} <= set(linked)
    for event in ("person.merged", "person.unmerged"):
        missing = {app: links for app, links in linked.items() if app not in registered_by(event)}
        assert not missing, f"no {event!r} handler registered in apps.py ready() of {missing}"


@pytest.fixture
def two(personas):
    kept = khaled(personas.unit_a, personas.counsellor_a, phone="+962791234567")
    other = khaled(personas.unit_a, personas.counsellor_a, phone="+962791234568")
    return kept, other


def session(personas, *participants) -> AwarenessSession:
    return record_awareness_session(
        owner=personas.unit_a,
        topic="osh",
        date=datetime.date(2024, 5, 1),
        governorate=governorate(),
        venue="Mafraq",
        facilitator="Rana",
        recorded_by=None,
        participants=list(participants),
    )


def test_permits_move_to_the_survivor_and_back(personas, two):
    kept, other = two
    cooperative = cooperative_of(personas.coop_a)
    theirs = application(person=other, cooperative=cooperative, by=personas.counsellor_a)
    before = Permit.objects.filter(pk=theirs.pk).values().get()

    merge = services.merge_pair(
        pair=pair_of(kept, other), survivor=kept, performed_by=personas.counsellor_a
    )
    assert Permit.objects.get(pk=theirs.pk).person == kept
    assert merge.moves["moved"]["permits.permit"] == {"person": [theirs.pk]}
    assert merge.moves["handled_by"]["permits.permit"] == "permits"

    services.undo_merge(merge=merge, performed_by=personas.counsellor_a)
    assert Permit.objects.filter(pk=theirs.pk).values().get() == before


def test_attendance_of_a_session_both_attended_stays_with_the_merged_record(personas, two):
    kept, other = two
    both, theirs_only = session(personas, kept, other), session(personas, other)
    Participation = AwarenessSession.participants.through
    rows = dict(Participation.objects.filter(person=other).values_list("awarenesssession", "pk"))

    merge = services.merge_pair(
        pair=pair_of(kept, other), survivor=kept, performed_by=personas.counsellor_a
    )
    assert set(both.participants.all()) == {kept, other}
    assert list(theirs_only.participants.all()) == [kept]
    label = "employment.awarenesssession_participants"
    assert merge.moves["moved"][label] == {"person": [rows[theirs_only.pk]]}
    assert merge.moves["kept"][label] == {"person": [rows[both.pk]]}

    services.undo_merge(merge=merge, performed_by=personas.counsellor_a)
    assert list(theirs_only.participants.all()) == [other]
    assert set(both.participants.all()) == {kept, other}


def test_a_merge_recorded_by_the_generic_mover_of_before_is_undone_all_the_same(personas, two):
    """Merges stored before each app had its handler name "generic" as the mover of the
    apps' rows; the apps' unmerge handlers read their labels whoever moved them."""
    kept, other = two
    seeker = register_job_seeker(person=other, occupations=["9211"], registered_by=None)
    consent = ConsentFactory(person=other, recorded_by=personas.counsellor_a)
    merge = services.merge_pair(
        pair=pair_of(kept, other), survivor=kept, performed_by=personas.counsellor_a
    )
    merge.moves["handled_by"] = {
        label: ("people" if label.startswith("people.") else "generic")
        for label in merge.moves["handled_by"]
    }
    merge.save(update_fields=["moves"])

    services.undo_merge(merge=merge, performed_by=personas.counsellor_a)
    seeker.refresh_from_db()
    consent.refresh_from_db()
    assert seeker.person == other and consent.person == other


def test_the_merged_records_name_keys_and_pairs_stay_with_it(personas, two):
    kept, other = two
    keys = set(other.name_keys.values_list("pk", flat=True))
    pair = pair_of(kept, other)
    merge = services.merge_pair(pair=pair, survivor=kept, performed_by=personas.counsellor_a)
    other.refresh_from_db()
    assert keys and set(other.name_keys.values_list("pk", flat=True)) == keys
    pair.refresh_from_db()
    assert (pair.person_a, pair.person_b) == (kept, other) and merge.merged == other
    assert not any(label.startswith("duplicates.") for label in merge.moves["moved"])
