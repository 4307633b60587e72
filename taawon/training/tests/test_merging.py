"""Participations follow their person on a merge of two records, and back on the undo; one
the survivor already holds (the same event) stays with the merged record."""

from taawon.duplicates import services as duplicates
from taawon.duplicates.tests.factories import khaled, pair_of

from .. import services
from ..models import Participant
from .factories import event


def test_participations_move_to_the_survivor_and_back(personas):
    kept = khaled(personas.unit_a, personas.counsellor_a, phone="+962791234567")
    other = khaled(personas.unit_a, personas.counsellor_a, phone="+962791234568")
    shared = event(personas.unit_a)
    own = event(personas.unit_a, code="osh")
    services.add_participant(event=shared, person=kept, by=None)
    both = services.add_participant(event=shared, person=other, by=None)
    theirs = services.add_participant(event=own, person=other, by=None)
    merge = duplicates.merge_pair(
        pair=pair_of(kept, other), survivor=kept, performed_by=personas.counsellor_a
    )
    assert Participant.objects.get(pk=theirs.pk).person == kept
    assert Participant.objects.get(pk=both.pk).person == other
    assert merge.moves["moved"]["training.participant"] == {"person": [theirs.pk]}
    duplicates.undo_merge(merge=merge, performed_by=personas.counsellor_a)
    assert Participant.objects.get(pk=theirs.pk).person == other
