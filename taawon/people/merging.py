"""The registry's side of merging two person records, and of undoing a merge exactly.

taawon.duplicates decides which records are one person and calls these; they change only
the registry's rows, each in the caller's transaction:

- `mark_merged` / `restore_from_merge`: the merged record's status and `merged_into`,
  audited as MERGE / UNMERGE;
- `move_person_links` / `restore_person_links`: the registry's own rows that point to a
  person (identifiers, consents, duplicate decisions);
- `other_links`, `move_links`, `restore_links`: any other app's foreign keys to a person, for
  the links no app handles itself (see taawon.duplicates.services for the event contract).

Moves are `UPDATE`s by id, recorded as {model label: {field: [ids]}}: they leave every other
column as it was (updated_at included), so moving the same ids back restores the rows exactly.
A row that would break a uniqueness rule on the survivor (a second national ID, a second
job-seeker profile) stays with the merged record and is listed as kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.db import IntegrityError, models, transaction

from taawon.accounts.models import User
from taawon.core import audit
from taawon.core.models import AuditEvent

from .models import Consent, DuplicateDecision, NameKey, Person, PersonIdentifier

Moves = dict[str, dict[str, list[int]]]

# Rows that stay with their record whatever happens: a record's own name keys (the merged
# record keeps its names), and the merge pointer itself.
STAYING = {(NameKey, "person"), (Person, "merged_into")}
# Moved explicitly by move_person_links.
OWN_LINKS = {
    (PersonIdentifier, "person"),
    (Consent, "person"),
    (DuplicateDecision, "person"),
    (DuplicateDecision, "candidate"),
}


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


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


# ---- Any foreign key to a person ---------------------------------------------------------


def other_links(*, skip: Iterable[str] = ()) -> list[tuple[type[models.Model], str]]:
    """Every (model, field) pointing to a person outside the registry's own rows, in every
    installed app, many-to-many tables included; `skip` lists model labels to leave out."""
    skipped = set(skip)
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed or label(model) in skipped:
            continue
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.remote_field.model is not Person:
                continue
            if (model, field.name) in STAYING or (model, field.name) in OWN_LINKS:
                continue
            found.append((model, field.name))
    return sorted(found, key=lambda link: (label(link[0]), link[1]))


def _unique_partners(model: type[models.Model], field: str) -> list[list[str]]:
    """For each uniqueness rule that includes `field`, the other columns of the rule."""
    meta = model._meta
    sets: list[tuple[str, ...]] = []
    if meta.get_field(field).unique:
        sets.append((field,))
    sets.extend(tuple(names) for names in meta.unique_together)
    sets.extend(tuple(c.fields) for c in meta.total_unique_constraints)
    return [
        [meta.get_field(name).attname for name in names if name != field]
        for names in sets
        if field in names
    ]


def move_links(
    model: type[models.Model], field: str, *, survivor: Person, merged: Person
) -> tuple[list[int], list[int]]:
    """Point `model.field` rows from `merged` to `survivor`: (ids moved, ids kept behind)."""
    rows = model._default_manager.filter(**{field: merged})
    ids = sorted(rows.values_list("pk", flat=True))
    if not ids:
        return [], []
    kept: set[int] = set()
    for partners in _unique_partners(model, field):
        taken = set(model._default_manager.filter(**{field: survivor}).values_list(*partners, "pk"))
        taken = {row[:-1] for row in taken}
        for row in rows.values_list(*partners, "pk"):
            if row[:-1] in taken:
                kept.add(row[-1])
    moving = [pk for pk in ids if pk not in kept]
    try:
        # A savepoint: a conditional uniqueness rule (invisible above) may still refuse.
        with transaction.atomic():
            model._default_manager.filter(pk__in=moving).update(**{field: survivor})
    except IntegrityError:
        moving = _move_one_by_one(model, field, moving, survivor)
    return moving, sorted(set(ids) - set(moving))


def _move_one_by_one(model, field: str, ids: list[int], survivor: Person) -> list[int]:
    moved = []
    for pk in ids:
        try:
            with transaction.atomic():
                model._default_manager.filter(pk=pk).update(**{field: survivor})
        except IntegrityError:
            continue
        moved.append(pk)
    return moved


def restore_links(
    model: type[models.Model], field: str, ids: Iterable[int], *, survivor: Person, merged: Person
) -> int:
    """Point the rows `ids` back to `merged`, those that still point to `survivor`."""
    return model._default_manager.filter(pk__in=list(ids), **{field: survivor}).update(
        **{field: merged}
    )


# ---- The registry's own links ------------------------------------------------------------


def move_person_links(*, survivor: Person, merged: Person) -> tuple[Moves, Moves]:
    """Move the merged record's identifiers (those of a kind the survivor lacks), consents
    and duplicate decisions to the survivor: (moved, kept), each {label: {field: [ids]}}."""
    moved: Moves = defaultdict(dict)
    kept: Moves = defaultdict(dict)
    for model in (PersonIdentifier, Consent):
        done, left = move_links(model, "person", survivor=survivor, merged=merged)
        moved[label(model)]["person"] = done
        if left:
            kept[label(model)]["person"] = left
    # A decision between these two records stays as it was: it is this pair's own history.
    decisions = label(DuplicateDecision)
    for field, other in (("person", "candidate"), ("candidate", "person")):
        rows = DuplicateDecision.objects.filter(**{field: merged}).exclude(**{other: survivor})
        ids = sorted(rows.values_list("pk", flat=True))
        DuplicateDecision.objects.filter(pk__in=ids).update(**{field: survivor})
        moved[decisions][field] = ids
    return dict(moved), dict(kept)


def restore_person_links(*, survivor: Person, merged: Person, moved: Moves) -> None:
    for model, field in sorted(OWN_LINKS, key=lambda link: (label(link[0]), link[1])):
        ids = moved.get(label(model), {}).get(field, [])
        if ids:
            restore_links(model, field, ids, survivor=survivor, merged=merged)
