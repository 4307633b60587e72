"""Training on a merge of two person records, and on its undo (the "person.merged" /
"person.unmerged" contract is in taawon.people.merging): participations, facilitations and
trainer certifications follow the surviving record, except those the survivor holds already
for the same event or course, which stay with the merged record."""

from __future__ import annotations

from taawon.people.merging import Moved, label, moved_ids
from taawon.people.models import Person

from .models import CertifiedTrainer, Facilitator, Participant

# model -> the field that, with the person, the survivor may hold once
ONCE_PER = ((Participant, "event_id"), (Facilitator, "event_id"), (CertifiedTrainer, "course_id"))


def merge_person(*, survivor: Person, merged: Person, moves: dict) -> Moved:
    moved: dict = {}
    kept: dict = {}
    for model, other in ONCE_PER:
        held = set(model.objects.filter(person=survivor).values_list(other, flat=True))
        rows = list(model.objects.filter(person=merged).values_list("pk", other))
        move = sorted(pk for pk, key in rows if key not in held)
        stay = sorted(pk for pk, key in rows if key in held)
        model.objects.filter(pk__in=move).update(person=survivor)
        if move:
            moved[label(model)] = {"person": move}
        if stay:
            kept[label(model)] = {"person": stay}
    return Moved(moved=moved, kept=kept)


def unmerge_person(*, survivor: Person, merged: Person, moves: dict) -> None:
    for model, _other in ONCE_PER:
        ids = moved_ids(moves, model, "person")
        if ids:
            model.objects.filter(pk__in=ids, person=survivor).update(person=merged)
