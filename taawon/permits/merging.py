"""Work permits on a merge of two person records, and on its undo (the "person.merged" /
"person.unmerged" contract is in taawon.people.merging).

Every permit of the merged record moves to the survivor, whatever its status: a permit is a
ministry's decision about the person, and the database holds no rule of one per person. The
one-application-under-way rule is the application service's; after a merge the survivor may
hold two, which the ministry's officers then see side by side on one person's page.
"""

from __future__ import annotations

from taawon.people.merging import Moved, label, moved_ids
from taawon.people.models import Person
from taawon.permits.models import Permit


def merge_person(*, survivor: Person, merged: Person, moves: dict) -> Moved:
    ids = sorted(Permit.objects.filter(person=merged).values_list("pk", flat=True))
    Permit.objects.filter(pk__in=ids).update(person=survivor)
    return Moved(moved={label(Permit): {"person": ids}})


def unmerge_person(*, survivor: Person, merged: Person, moves: dict) -> None:
    ids = moved_ids(moves, Permit, "person")
    if ids:
        Permit.objects.filter(pk__in=ids, person=survivor).update(person=merged)
