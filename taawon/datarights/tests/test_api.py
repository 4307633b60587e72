"""/api/v1/data-rights: requests, consents and agreements over HTTP, scoped like the pages,
with 4xx JSON errors for bad input."""

from __future__ import annotations

import pytest

from taawon.datarights import services
from taawon.datarights.models import CorrectionRequest, SharingAgreement
from taawon.people.models import Consent


def correction_body(person, **changes) -> dict:
    return {
        "person": person.pk,
        "field": "phone",
        "requested_value": "+962791119999",
        "statement": "New number",
        "identity_check": "callback",
        **changes,
    }


def test_a_counsellor_records_and_applies_a_correction(api, personas, amal):
    api.as_user(personas.counsellor_a)
    made = api.post("/corrections", correction_body(amal))
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["status"] == "open"
    assert body["current_value"] == "+962791112233"
    assert body["actions"] == ["apply", "refuse"]
    applied = api.post(f"/corrections/{body['id']}/apply", {})
    assert applied.status_code == 200
    assert applied.json()["status"] == "corrected"
    assert applied.json()["change_event"] is not None
    amal.refresh_from_db()
    assert amal.phone == "+962791119999"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"field": "value_encrypted"}, "field"),
        ({"requested_value": ""}, "requested_value"),
        ({"identity_check": "trust me"}, "identity_check"),
    ],
)
def test_bad_corrections_answer_400_with_field_errors(api, personas, amal, changes, field):
    response = api.as_user(personas.counsellor_a).post(
        "/corrections", correction_body(amal, **changes)
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not CorrectionRequest.objects.exists()


def test_a_malformed_body_is_refused(api, personas, amal):
    response = api.as_user(personas.counsellor_a).post("/corrections", {"person": "x"})
    assert response.status_code == 422
    assert "errors" in response.json()


@pytest.mark.parametrize(
    ("persona", "status"), [("counsellor_b", 404), ("viewer_a", 403), ("aggregate", 404)]
)
def test_corrections_and_consents_are_for_those_who_handle_the_person(
    api, personas, amal, persona, status
):
    api.as_user(getattr(personas, persona))
    assert api.post("/corrections", correction_body(amal)).status_code == status
    assert (
        api.post("/consents", {"person": amal.pk, "purpose": "sms", "given": False}).status_code
        == status
    )
    assert not CorrectionRequest.objects.exists()
    assert not Consent.objects.filter(person=amal).exists()


def test_lists_hold_only_what_the_user_reaches(api, personas, amal, agreement):
    services.request_correction(
        person=amal,
        field="father_name_en",
        requested_value="Youssef",
        identity_check="document",
        requested_by=personas.counsellor_a,
    )
    services.record_access_request(
        person=amal, identity_check="document", language="ar", requested_by=personas.counsellor_a
    )
    for persona, count in (
        ("counsellor_a", 1),
        ("officer", 1),
        ("counsellor_b", 0),
        ("outsider", 0),
    ):
        api.as_user(getattr(personas, persona))
        assert len(api.get("/corrections").json()["items"]) == count, persona
        assert len(api.get("/access-requests").json()["items"]) == count, persona
    api.as_user(personas.counsellor_b)
    assert api.get(f"/agreements/{agreement.pk}").status_code == 404
    assert api.get("/agreements").json()["items"] == []
    api.as_user(personas.admin_a)
    assert [a["partner"] for a in api.get("/agreements").json()["items"]] == ["Protection Partner"]


def test_consent_withdrawn_and_given_again(api, personas, amal):
    api.as_user(personas.counsellor_a)
    withdrawn = api.post(
        "/consents", {"person": amal.pk, "purpose": "data_sharing", "given": False}
    )
    assert withdrawn.status_code == 201
    assert withdrawn.json()["given"] is False
    assert services.consent_state(amal)["data_sharing"] is False
    api.post("/consents", {"person": amal.pk, "purpose": "data_sharing", "given": True})
    assert services.consent_state(amal)["data_sharing"] is True
    bad = api.post("/consents", {"person": amal.pk, "purpose": "spam", "given": False})
    assert bad.status_code == 400 and "purpose" in bad.json()["errors"]


AGREEMENT = {
    "partner": "UNHCR Jordan",
    "purpose": "Verification of refugee status",
    "fields_shared": "names, UNHCR case number",
    "starts_on": "2026-01-01",
    "ends_on": "2026-12-31",
    "document_reference": "DSA-UNHCR-3",
}


def test_agreements_are_recorded_by_managers_only(api, personas):
    assert api.as_user(personas.counsellor_a).post("/agreements", AGREEMENT).status_code == 403
    refused = api.as_user(personas.admin_a).post(
        "/agreements", {**AGREEMENT, "owner": personas.coop_b.pk}
    )
    assert refused.status_code == 400 and "owner" in refused.json()["errors"]
    made = api.as_user(personas.admin_a).post(
        "/agreements", {**AGREEMENT, "owner": personas.coop_a.pk}
    )
    assert made.status_code == 201, made.content
    assert made.json()["owner"] == personas.coop_a.pk
    assert made.json()["exports"] == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": "2025-12-31"}, "ends_on"),
        ({"partner": " "}, "partner"),
        ({"starts_on": "soon"}, "starts_on"),
    ],
)
def test_bad_agreements_answer_with_field_errors(api, personas, changes, field):
    response = api.as_user(personas.officer).post(
        "/agreements", {**AGREEMENT, "owner": personas.country_office.pk, **changes}
    )
    assert response.status_code in (400, 422)
    assert any(key.endswith(field) for key in response.json()["errors"])
    assert not SharingAgreement.objects.exists()


def test_applying_a_value_the_registry_refuses_answers_400_and_keeps_the_request_open(
    api, personas, amal
):
    api.as_user(personas.counsellor_a)
    made = api.post("/corrections", correction_body(amal, requested_value="not a phone")).json()
    response = api.post(f"/corrections/{made['id']}/apply", {})
    assert response.status_code == 400
    assert response.json()["errors"]["requested_value"]
    assert api.get(f"/corrections/{made['id']}").json()["status"] == "open"
    refused = api.post(f"/corrections/{made['id']}/refuse", {"reason": ""})
    assert refused.status_code == 400 and "reason" in refused.json()["errors"]
    assert api.get(f"/corrections/{made['id']}").json()["status"] == "open"


def test_unknown_and_out_of_range_ids_are_not_found(api, personas):
    api.as_user(personas.counsellor_a)
    assert api.get("/corrections/987654321").status_code == 404
    assert api.get("/agreements/987654321").status_code == 404
    assert api.post("/corrections/987654321/apply", {}).status_code == 404
