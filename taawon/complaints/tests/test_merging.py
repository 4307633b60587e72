"""A complaint follows its person on a merge of two records, and back on the undo."""

from taawon.duplicates import services
from taawon.duplicates.tests.factories import khaled, pair_of

from ..models import Complaint
from .factories import complaint


def test_a_complaint_moves_to_the_survivor_and_back(personas):
    kept = khaled(personas.unit_a, personas.counsellor_a, phone="+962791234567")
    other = khaled(personas.unit_a, personas.counsellor_a, phone="+962791234568")
    theirs = complaint(personas.unit_a, complainant_kind="worker", person=other)
    merge = services.merge_pair(
        pair=pair_of(kept, other), survivor=kept, performed_by=personas.counsellor_a
    )
    assert Complaint.objects.get(pk=theirs.pk).person == kept
    assert merge.moves["moved"]["complaints.complaint"] == {"person": [theirs.pk]}
    services.undo_merge(merge=merge, performed_by=personas.counsellor_a)
    assert Complaint.objects.get(pk=theirs.pk).person == other
