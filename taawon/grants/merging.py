"""Grants on a merge of two person records, and on its undo (the "person.merged" /
"person.unmerged" contract is in taawon.people.merging): a venture's or initiative's members
follow the surviving record, except where the survivor is already a member of the same
application, where the merged record's membership stays as it is."""

from __future__ import annotations

from taawon.people.merging import Moved, label, moved_ids
from taawon.people.models import Person

from .models import ApplicationMember


def merge_person(*, survivor: Person, merged: Person, moves: dict) -> Moved:
    held = set(
        ApplicationMember.objects.filter(person=survivor).values_list("application_id", flat=True)
    )
    rows = list(
        ApplicationMember.objects.filter(person=merged).values_list("pk", "application_id")
    )
    move = sorted(pk for pk, application in rows if application not in held)
    stay = sorted(pk for pk, application in rows if application in held)
    ApplicationMember.objects.filter(pk__in=move).update(person=survivor)
    moved = {label(ApplicationMember): {"person": move}} if move else {}
    kept = {label(ApplicationMember): {"person": stay}} if stay else {}
    return Moved(moved=moved, kept=kept)


def unmerge_person(*, survivor: Person, merged: Person, moves: dict) -> None:
    ids = moved_ids(moves, ApplicationMember, "person")
    if ids:
        ApplicationMember.objects.filter(pk__in=ids, person=survivor).update(person=merged)
