"""A venture's members follow their person on a merge of two records, and back on the undo; a
membership the survivor already holds (the same application) stays with the merged record."""

from taawon.duplicates import services as duplicates
from taawon.duplicates.tests.factories import khaled, pair_of

from ..models import ApplicationMember
from .factories import application, open_call


def test_members_move_to_the_survivor_and_back(personas):
    kept = khaled(personas.unit_a, personas.counsellor_a, phone="+962791234567")
    other = khaled(personas.unit_a, personas.counsellor_a, phone="+962791234568")
    call = open_call(personas)
    shared = application(call, personas.coop_a, name="Shared venture", by=personas.officer)
    own = application(call, personas.coop_a, name="Own venture", by=personas.officer)
    ApplicationMember.objects.create(application=shared, person=kept)
    both = ApplicationMember.objects.create(application=shared, person=other)
    theirs = ApplicationMember.objects.create(application=own, person=other)
    merge = duplicates.merge_pair(
        pair=pair_of(kept, other), survivor=kept, performed_by=personas.counsellor_a
    )
    assert ApplicationMember.objects.get(pk=theirs.pk).person == kept
    assert ApplicationMember.objects.get(pk=both.pk).person == other
    assert merge.moves["moved"]["grants.applicationmember"] == {"person": [theirs.pk]}
    duplicates.undo_merge(merge=merge, performed_by=personas.counsellor_a)
    assert ApplicationMember.objects.get(pk=theirs.pk).person == other
