"""Duplicate detection's own rows on a merge of two person records, and on its undo (the
"person.merged" / "person.unmerged" contract is in taawon.people.merging).

Nothing moves: the pairs found and the merges made are the history of merging itself. A pair
keeps naming the two records it compared, and a merge the records it joined, so that a merge
is undone exactly and a reviewer sees what was decided about which record.
"""

from __future__ import annotations

from taawon.people.merging import Moved
from taawon.people.models import Person


def merge_person(*, survivor: Person, merged: Person, moves: dict) -> Moved:
    return Moved(moved={})


def unmerge_person(*, survivor: Person, merged: Person, moves: dict) -> None:
    return None
