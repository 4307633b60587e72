"""The registry's side of merging two person records, and of undoing a merge exactly.

taawon.duplicates decides which records are one person. It calls `mark_merged` /
`restore_from_merge` (the merged record's status and `merged_into`, audited as MERGE /
UNMERGE), and dispatches "person.merged" / "person.unmerged" (taawon.core.events) so that each
app moves its own rows about a person, through its own code, in the caller's transaction.

The contract of those handlers, which every app with a relation to a person registers from its
`AppConfig.ready()` (a test checks that none is missing):

    merge_person(*, survivor, merged, moves) -> Moved  (or a plain {label: {field: [ids]}},
                                                        read as moved with nothing kept)
    unmerge_person(*, survivor, merged, moves) -> None

A merge handler moves the app's rows from `merged` to `survivor` by `UPDATE`s by id, leaving
every other column as it was (updated_at included), and returns the ids it moved and those it
kept behind (a row the survivor may hold only once, such as a second job-seeker profile, stays
with the merged record). `label` is the model's lower-case label, the many-to-many table's for
a many-to-many link. The unmerge handler moves back the ids listed under
`moves["moved"][label][field]` that still point to the survivor, so that undo is exact; it must
read them by label, whoever moved them, since merges recorded earlier stay undoable.

This module is also the registry's own handler: identifiers (those of a kind the survivor
lacks), consents (the merged record's latest decision per purpose, when the survivor has
none or an older, different one) and duplicate decisions move; a record's name keys stay
(the merged record keeps its names), and so does the merge pointer itself. `set_values`
writes the values a merge gives the survivor from the merged record, and puts back its own
on undo.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from taawon.accounts.models import User
from taawon.core import audit
from taawon.core.models import AuditEvent

from .models import Consent, DuplicateDecision, Person, PersonIdentifier
from .services import _write_name_keys

Moves = dict[str, dict[str, list[int]]]


@dataclass
class Moved:
    """What a "person.merged" handler did, each as {label: {field: [ids]}}."""

    moved: Moves
    kept: Moves = field(default_factory=dict)


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def moved_ids(moves: dict, model: type[models.Model], field_name: str) -> list[int]:
    """The ids of `model` rows a merge moved through `field_name`, as its `moves` recorded."""
    return list(moves.get("moved", {}).get(label(model), {}).get(field_name, []))


# ---- The merged record ------------------------------------------------------------------


def mark_merged(*, person: Person, survivor: Person, by: User | None, note: str = "") -> str:
    """Point `person` to `survivor` and take it out of the registry; returns its old status."""
    previous = person.status
    before = audit.snapshot(person, ["status", "merged_into"])
    person.status = Person.Status.MERGED
    person.merged_into = survivor
    person.updated_by = by
    person.save(update_fields=["status", "merged_into", "updated_by", "updated_at"])
    audit.record(
        actor=by,
        action=AuditEvent.Action.MERGE,
        obj=person,
        changes=audit.diff(before, audit.snapshot(person, ["status", "merged_into"])),
        note=note,
    )
    return previous


def restore_from_merge(
    *, person: Person, previous_status: str, by: User | None, note: str = ""
) -> Person:
    """Undo `mark_merged`: the record is back with the status it had."""
    before = audit.snapshot(person, ["status", "merged_into"])
    person.status = previous_status
    person.merged_into = None
    person.updated_by = by
    person.save(update_fields=["status", "merged_into", "updated_by", "updated_at"])
    audit.record(
        actor=by,
        action=AuditEvent.Action.UNMERGE,
        obj=person,
        changes=audit.diff(before, audit.snapshot(person, ["status", "merged_into"])),
        note=note,
    )
    return person


def set_values(*, person: Person, values: dict[str, Any], by: User | None, note: str = "") -> dict:
    """Write `values` (attribute name -> JSON-ready value: dates as ISO strings, related rows
    by `..._id`) on `person`, as a merge takes values from the merged record and its undo puts
    the old ones back; returns the values they replaced, in the same form. Name keys follow."""
    if not values:
        return {}
    fields = {name: _field(name) for name in values}
    before = audit.snapshot(person, [f.name for f in fields.values()])
    replaced = {}
    for name, model_field in fields.items():
        old, new = getattr(person, name), values[name]
        replaced[name] = old.isoformat() if isinstance(old, datetime.date) else old
        if isinstance(model_field, models.DateField) and isinstance(new, str):
            new = datetime.date.fromisoformat(new)
        setattr(person, name, new)
    person.updated_by = by
    person.save(update_fields=[*(f.name for f in fields.values()), "updated_by", "updated_at"])
    _write_name_keys(person)
    audit.record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=person,
        changes=audit.diff(before, audit.snapshot(person, [f.name for f in fields.values()])),
        note=note,
    )
    return replaced


def _field(attname: str) -> models.Field:
    for model_field in Person._meta.concrete_fields:
        if model_field.attname == attname:
            return model_field
    raise ValueError(f"not a field of a person: {attname}")


# ---- The registry's own links ------------------------------------------------------------

# (model, field) moved by `merge_person`, in the order they are moved back.
OWN_LINKS = (
    (Consent, "person"),
    (DuplicateDecision, "candidate"),
    (DuplicateDecision, "person"),
    (PersonIdentifier, "person"),
)


def merge_person(*, survivor: Person, merged: Person, moves: dict) -> Moved:
    """Move the merged record's identifiers (those of a kind the survivor lacks), consents
    and duplicate decisions to the survivor."""
    # One identifier of each kind per person: the survivor's own stays its own.
    taken = set(PersonIdentifier.objects.filter(person=survivor).values_list("kind", flat=True))
    identifiers = PersonIdentifier.objects.filter(person=merged)
    kept_identifiers = sorted(identifiers.filter(kind__in=taken).values_list("pk", flat=True))
    moving = sorted(identifiers.exclude(kind__in=taken).values_list("pk", flat=True))
    PersonIdentifier.objects.filter(pk__in=moving).update(person=survivor)
    consents, kept_consents = _consents_to_move(survivor, merged)
    Consent.objects.filter(pk__in=consents).update(person=survivor)
    moved: Moves = {
        label(PersonIdentifier): {"person": moving},
        label(Consent): {"person": consents},
        label(DuplicateDecision): {},
    }
    # A decision between these two records stays as it was: it is this pair's own history.
    for name, other in (("person", "candidate"), ("candidate", "person")):
        rows = DuplicateDecision.objects.filter(**{name: merged}).exclude(**{other: survivor})
        ids = sorted(rows.values_list("pk", flat=True))
        DuplicateDecision.objects.filter(pk__in=ids).update(**{name: survivor})
        moved[label(DuplicateDecision)][name] = ids
    kept = {label(PersonIdentifier): {"person": kept_identifiers}} if kept_identifiers else {}
    if kept_consents:
        kept[label(Consent)] = {"person": kept_consents}
    return Moved(moved=moved, kept=kept)


def _consents_to_move(survivor: Person, merged: Person) -> tuple[list[int], list[int]]:
    """The merged record's latest decision per purpose moves when the survivor has none for
    that purpose, or when it is later than the survivor's and says otherwise (a consent
    withdrawn since); the rest stay behind, so that the survivor never lists one consent
    twice and its latest decision for each purpose is the latest of the two records."""
    fields = ("purpose", "date", "created_at", "pk", "given")
    latest: dict[str, tuple] = {}
    for purpose, *decision in Consent.objects.filter(person=survivor).values_list(*fields):
        latest[purpose] = max(latest.get(purpose, tuple(decision)), tuple(decision))
    theirs: dict[str, tuple] = {}
    everything = []
    for purpose, *decision in Consent.objects.filter(person=merged).values_list(*fields):
        everything.append(decision[2])
        theirs[purpose] = max(theirs.get(purpose, tuple(decision)), tuple(decision))
    moving = sorted(
        pk
        for purpose, (day, created, pk, given) in theirs.items()
        if purpose not in latest
        or ((day, created) > latest[purpose][:2] and given != latest[purpose][3])
    )
    return moving, sorted(set(everything) - set(moving))


def unmerge_person(*, survivor: Person, merged: Person, moves: dict) -> None:
    for model, name in OWN_LINKS:
        ids = moved_ids(moves, model, name)
        if ids:
            model.objects.filter(pk__in=ids, **{name: survivor}).update(**{name: merged})
