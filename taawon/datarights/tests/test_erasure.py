"""A person's erasure reaches the rows other apps keep about them: the complainant's name and
phone on their complaints, the values and words of their correction requests."""

from __future__ import annotations

import pytest

from taawon.complaints.models import Complaint
from taawon.complaints.services import record_complaint
from taawon.datarights import services
from taawon.datarights.models import CorrectionRequest
from taawon.people import services as people

pytestmark = pytest.mark.django_db


def test_anonymising_a_person_blanks_their_complaints_and_correction_requests(personas, amal):
    complaint = record_complaint(
        owner=personas.unit_a,
        category="wages_unpaid",
        complainant_kind="worker",
        person=amal,
        contact_name="Amal Al-Zoubi",
        contact_phone="+962791112233",
        description="Two months unpaid",
        recorded_by=personas.counsellor_a,
    ).complaint
    someone_else = record_complaint(
        owner=personas.unit_a,
        category="safety",
        complainant_kind="worker",
        contact_name="Fadi",
        description="No gloves",
        recorded_by=personas.counsellor_a,
    ).complaint
    request = services.request_correction(
        person=amal,
        field="father_name_en",
        requested_value="Youssef",
        statement="My father's name is Youssef, as on my card",
        identity_check="document",
        requested_by=personas.counsellor_a,
    )

    people.anonymise_person(person=amal, anonymised_by=personas.admin_a, reason="Asked in writing")

    complaint = Complaint.objects.get(pk=complaint.pk)
    assert (complaint.contact_name, complaint.contact_phone) == ("", "")
    # What happened stays, for the case and the figures.
    assert (complaint.description, complaint.category) == ("Two months unpaid", "wages_unpaid")
    assert Complaint.objects.get(pk=someone_else.pk).contact_name == "Fadi"
    request = CorrectionRequest.objects.get(pk=request.pk)
    assert (request.current_value, request.requested_value, request.statement) == ("", "", "")
    assert request.field == "father_name_en"
