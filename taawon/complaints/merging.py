"""Complaints on a merge of two person records, and on its undo (the "person.merged" /
"person.unmerged" contract is in taawon.people.merging): a complaint names the person, so it
follows the surviving record."""

from __future__ import annotations

from taawon.people.merging import Moved, label, moved_ids
from taawon.people.models import Person

from .models import Complaint


def merge_person(*, survivor: Person, merged: Person, moves: dict) -> Moved:
    ids = sorted(Complaint.objects.filter(person=merged).values_list("pk", flat=True))
    Complaint.objects.filter(pk__in=ids).update(person=survivor)
    return Moved(moved={label(Complaint): {"person": ids}})


def unmerge_person(*, survivor: Person, merged: Person, moves: dict) -> None:
    ids = moved_ids(moves, Complaint, "person")
    if ids:
        Complaint.objects.filter(pk__in=ids, person=survivor).update(person=merged)
