"""Employment's rows about a person on a merge of two person records, and on its undo
(the "person.merged" / "person.unmerged" contract is in taawon.people.merging).

- A job-seeker profile moves to the survivor unless the survivor has one: a person holds one
  profile, so the merged record's stays with it (listed as kept) for a counsellor to compare.
- Awareness-session attendance moves, except in a session the survivor attended too (one row
  per person and session); that row stays with the merged record, listed as kept.
"""

from __future__ import annotations

from taawon.employment.models import AwarenessSession, JobSeeker
from taawon.people.merging import Moved, label, moved_ids
from taawon.people.models import Person

Participation = AwarenessSession.participants.through


def merge_person(*, survivor: Person, merged: Person, moves: dict) -> Moved:
    profiles = sorted(JobSeeker.objects.filter(person=merged).values_list("pk", flat=True))
    if JobSeeker.objects.filter(person=survivor).exists():
        moved_profiles, kept_profiles = [], profiles
    else:
        moved_profiles, kept_profiles = profiles, []
        JobSeeker.objects.filter(pk__in=moved_profiles).update(person=survivor)

    attended = Participation.objects.filter(person=survivor).values_list(
        "awarenesssession_id", flat=True
    )
    rows = Participation.objects.filter(person=merged)
    kept_rows = sorted(rows.filter(awarenesssession_id__in=attended).values_list("pk", flat=True))
    moved_rows = sorted(rows.exclude(awarenesssession_id__in=attended).values_list("pk", flat=True))
    Participation.objects.filter(pk__in=moved_rows).update(person=survivor)

    return Moved(
        moved={
            label(JobSeeker): {"person": moved_profiles},
            label(Participation): {"person": moved_rows},
        },
        kept={
            label(JobSeeker): {"person": kept_profiles},
            label(Participation): {"person": kept_rows},
        },
    )


def unmerge_person(*, survivor: Person, merged: Person, moves: dict) -> None:
    for model in (Participation, JobSeeker):
        ids = moved_ids(moves, model, "person")
        if ids:
            model.objects.filter(pk__in=ids, person=survivor).update(person=merged)
