"""Data requests and shares on a merge of two person records, and on its undo (the
"person.merged" / "person.unmerged" contract is in taawon.people.merging).

Every request and share of the merged record moves to the survivor: they are the person's own
history with the programme, and the survivor's "shared with" list must name every partner. A
share of an export the survivor was already in stays behind (an export lists a person once).
"""

from __future__ import annotations

from taawon.people.merging import Moved, label, moved_ids
from taawon.people.models import Person

from .models import AccessRequest, CorrectionRequest, SharedPerson

MODELS = (AccessRequest, CorrectionRequest, SharedPerson)


def merge_person(*, survivor: Person, merged: Person, moves: dict) -> Moved:
    moved, kept = {}, {}
    for model in MODELS:
        rows = model.objects.filter(person=merged)
        held = []
        if model is SharedPerson:
            already = SharedPerson.objects.filter(person=survivor).values("export_id")
            held = sorted(rows.filter(export_id__in=already).values_list("pk", flat=True))
            rows = rows.exclude(pk__in=held)
        ids = sorted(rows.values_list("pk", flat=True))
        model.objects.filter(pk__in=ids).update(person=survivor)
        moved[label(model)] = {"person": ids}
        if held:
            kept[label(model)] = {"person": held}
    return Moved(moved=moved, kept=kept)


def unmerge_person(*, survivor: Person, merged: Person, moves: dict) -> None:
    for model in MODELS:
        ids = moved_ids(moves, model, "person")
        if ids:
            model.objects.filter(pk__in=ids, person=survivor).update(person=merged)
