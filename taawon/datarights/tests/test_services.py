"""Corrections through the registry's service, consent per purpose and its effects, exports to
partners under an agreement, and bad input refused with nothing written."""

from __future__ import annotations

import datetime
import io

import pytest
from django.http import QueryDict
from django.utils import timezone

from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent
from taawon.datarights import services
from taawon.datarights.models import CorrectionRequest, PartnerExport, SharedPerson
from taawon.messaging.models import OutboundMessage
from taawon.people.models import Consent
from taawon.people.tests.factories import PersonFactory
from taawon.permits.services import reminders
from taawon.permits.tests.factories import cooperative_of, issued


def correction(person, user, **changes):
    values = {
        "field": "family_name_ar",
        "requested_value": "الزعبيّة",
        "statement": "My family name is misspelt.",
        "identity_check": "document",
    }
    values.update(changes)
    return services.request_correction(person=person, requested_by=user, **values)


# ---- Corrections ---------------------------------------------------------------------------


def test_a_correction_changes_the_record_through_the_registry_and_is_linked_to_the_change(
    personas, amal
):
    request = correction(amal, personas.counsellor_a)
    assert request.current_value == "الزعبي"
    assert request.status == CorrectionRequest.Status.OPEN

    done = services.apply_correction(request=request, decided_by=personas.counsellor_a)

    amal.refresh_from_db()
    assert amal.family_name_ar == "الزعبيّة"
    assert done.status == CorrectionRequest.Status.CORRECTED
    assert done.decided_by == personas.counsellor_a
    change = AuditEvent.objects.get(pk=done.change_event_id)
    assert change.object_type == "people.person"
    assert change.object_id == str(amal.pk)
    assert change.changes["family_name_ar"] == ["الزعبي", "الزعبيّة"]
    # The registry's name keys follow the change: search finds the new spelling.
    assert amal.name_keys.exists()


def test_a_refused_correction_keeps_its_reason_and_leaves_the_record(personas, amal):
    request = correction(amal, personas.counsellor_a)
    done = services.refuse_correction(
        request=request, reason="The ID card shows the name as recorded.", decided_by=None
    )
    amal.refresh_from_db()
    assert amal.family_name_ar == "الزعبي"
    assert done.status == CorrectionRequest.Status.REFUSED
    assert done.refusal_reason == "The ID card shows the name as recorded."
    with pytest.raises(Conflict):
        services.apply_correction(request=done, decided_by=personas.counsellor_a)


def test_a_refusal_needs_a_reason(personas, amal):
    request = correction(amal, personas.counsellor_a)
    with pytest.raises(ValidationFailed) as refused:
        services.refuse_correction(request=request, reason="  ", decided_by=personas.counsellor_a)
    assert "reason" in refused.value.field_errors
    request.refresh_from_db()
    assert request.status == CorrectionRequest.Status.OPEN


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"field": "blind_index"}, "field"),
        ({"requested_value": ""}, "requested_value"),
        ({"requested_value": "الزعبي"}, "requested_value"),
        ({"identity_check": ""}, "identity_check"),
        ({"statement": "x" * 501}, "statement"),
        ({"requested_value": "bad\x00value"}, "requested_value"),
    ],
)
def test_bad_correction_requests_are_refused_with_nothing_written(personas, amal, changes, field):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        correction(amal, personas.counsellor_a, **changes)
    assert field in refused.value.field_errors
    assert not CorrectionRequest.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_value_the_registry_refuses_stays_an_open_request_with_the_registry_s_words(
    personas, amal
):
    request = correction(
        amal, personas.counsellor_a, field="date_of_birth", requested_value="31/02"
    )
    with pytest.raises(ValidationFailed) as refused:
        services.apply_correction(request=request, decided_by=personas.counsellor_a)
    assert refused.value.field_errors["requested_value"] == ["Enter a valid date."]
    request.refresh_from_db()
    assert request.status == CorrectionRequest.Status.OPEN
    amal.refresh_from_db()
    assert amal.date_of_birth is None


def test_only_staff_who_reach_the_person_handle_their_requests(personas, amal):
    for outsider in (personas.counsellor_b, personas.viewer_a, personas.clerk_a):
        with pytest.raises(PermissionDenied):
            correction(amal, outsider)
    request = correction(amal, personas.counsellor_a)
    with pytest.raises(PermissionDenied):
        services.apply_correction(request=request, decided_by=personas.counsellor_b)


# ---- Consent per purpose -----------------------------------------------------------------


@pytest.fixture
def expiring_permit(personas, amal):
    today = datetime.date.today()
    return issued(
        person=amal,
        cooperative=cooperative_of(personas.coop_a),
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        number="WP-DR-1",
        issued_on=today - datetime.timedelta(days=340),
        expires_on=today + datetime.timedelta(days=20),
    )


def test_withdrawing_sms_consent_stops_sms_and_giving_it_again_restarts_them(
    personas, amal, expiring_permit
):
    services.change_consent(
        person=amal, purpose=Consent.Purpose.SMS, given=False, changed_by=personas.counsellor_a
    )
    assert services.consent_state(amal)[Consent.Purpose.SMS] is False
    assert reminders.queue_expiry_reminders() == {"refused_sms": 1}
    assert not OutboundMessage.objects.exists()

    services.change_consent(
        person=amal, purpose=Consent.Purpose.SMS, given=True, changed_by=personas.counsellor_a
    )
    assert reminders.queue_expiry_reminders() == {"queued": 1}
    assert OutboundMessage.objects.get().to == "+962791112233"


def test_consent_changes_per_purpose_only(personas, amal):
    services.change_consent(
        person=amal, purpose="photos", given=False, changed_by=personas.counsellor_a
    )
    state = services.consent_state(amal)
    assert state["photos"] is False
    assert state["sms"] is None
    with pytest.raises(ValidationFailed):
        services.change_consent(
            person=amal, purpose="marketing", given=False, changed_by=personas.counsellor_a
        )
    with pytest.raises(PermissionDenied):
        services.change_consent(
            person=amal, purpose="sms", given=False, changed_by=personas.counsellor_b
        )
    assert Consent.objects.filter(person=amal).count() == 1


# ---- Agreements and exports to partners --------------------------------------------------


def people_list(**filters) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(filters)
    return query


def test_an_export_to_a_partner_is_refused_without_an_agreement_and_nothing_is_written(
    personas, amal
):
    events = AuditEvent.objects.count()
    target = io.BytesIO()
    with pytest.raises(ValidationFailed) as refused:
        services.export_to_partner(
            user=personas.admin_a,
            agreement=None,
            list_name="people",
            params=people_list(),
            fmt="csv",
            target=target,
        )
    assert "agreement" in refused.value.field_errors
    assert target.getvalue() == b""
    assert not PartnerExport.objects.exists()
    assert AuditEvent.objects.count() == events


def test_an_agreement_out_of_force_or_not_one_s_own_is_refused(personas, amal, agreement):
    for user, day in ((personas.counsellor_a, None), (personas.admin_a, "expired")):
        if day == "expired":
            agreement.ends_on = agreement.starts_on
            agreement.save()
        with pytest.raises(ValidationFailed) as refused:
            services.export_to_partner(
                user=user,
                agreement=agreement,
                list_name="people",
                params=people_list(),
                fmt="csv",
                target=io.BytesIO(),
            )
        assert "agreement" in refused.value.field_errors
    assert not PartnerExport.objects.exists()


def test_a_partner_export_is_logged_with_its_persons_and_leaves_out_withdrawn_consent(
    personas, amal, agreement
):
    other = PersonFactory(
        owner=personas.unit_a, given_name_en="Rami", given_name_ar="رامي", phone="+962791112244"
    )
    beyond = PersonFactory(owner=personas.unit_b, given_name_en="Basma", given_name_ar="بسمة")
    services.change_consent(
        person=other,
        purpose=Consent.Purpose.DATA_SHARING,
        given=False,
        changed_by=personas.counsellor_a,
    )
    target = io.BytesIO()
    logged = services.export_to_partner(
        user=personas.admin_a,
        agreement=agreement,
        list_name="people",
        params=people_list(),
        fmt="csv",
        target=target,
    )
    text = target.getvalue().decode("utf-8-sig")
    assert "Amal" in text and "+962791112233" in text
    assert "Rami" not in text and "+962791112244" not in text
    assert "Basma" not in text
    assert logged.rows == 1
    assert logged.left_out == 1
    assert list(SharedPerson.objects.values_list("person_id", flat=True)) == [amal.pk]
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, object_id="datarights.people"
    ).exists()
    assert beyond.pk not in SharedPerson.objects.values_list("person_id", flat=True)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"partner": ""}, "partner"),
        ({"starts_on": "2026-13-01"}, "starts_on"),
        ({"ends_on": "2020-01-01"}, "ends_on"),
        ({"document_reference": "x" * 201}, "document_reference"),
    ],
)
def test_bad_agreements_are_refused(personas, changes, field):
    data = {
        "partner": "UNHCR",
        "purpose": "Verification",
        "fields_shared": "names",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "document_reference": "DSA-1",
    }
    data.update(changes)
    with pytest.raises(ValidationFailed) as refused:
        services.record_agreement(owner=personas.coop_a, data=data, recorded_by=personas.admin_a)
    assert field in refused.value.field_errors


def test_only_managers_and_administrators_record_agreements(personas):
    data = {
        "partner": "UNHCR",
        "purpose": "Verification",
        "fields_shared": "names",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "document_reference": "DSA-1",
    }
    with pytest.raises(PermissionDenied):
        services.record_agreement(
            owner=personas.unit_a, data=data, recorded_by=personas.counsellor_a
        )
    with pytest.raises(PermissionDenied):
        services.record_agreement(owner=personas.coop_b, data=data, recorded_by=personas.admin_a)
    made = services.record_agreement(
        owner=personas.country_office, data=data, recorded_by=personas.officer
    )
    assert made.ends_on == datetime.date(2026, 12, 31)


def test_requests_and_shares_move_to_the_survivor_of_a_merge_and_back(personas, amal, agreement):
    from taawon.duplicates import services as duplicates
    from taawon.duplicates.tests.factories import pair_of

    kept = PersonFactory(owner=personas.unit_a, given_name_en="Amal", given_name_ar="أمل")
    services.export_to_partner(
        user=personas.admin_a,
        agreement=agreement,
        list_name="people",
        params=people_list(),
        fmt="xlsx",
        target=io.BytesIO(),
    )
    request = correction(amal, personas.counsellor_a)
    merge = duplicates.merge_pair(
        pair=pair_of(kept, amal), survivor=kept, performed_by=personas.counsellor_a
    )
    request.refresh_from_db()
    assert request.person == kept
    # Both were in the one export: the survivor is listed once, the other row stays behind.
    assert SharedPerson.objects.filter(person=kept).count() == 1
    assert merge.moves["kept"]["datarights.sharedperson"]["person"]
    assert merge.moves["handled_by"]["datarights.correctionrequest"] == "datarights"

    duplicates.undo_merge(merge=merge, performed_by=personas.counsellor_a)
    request.refresh_from_db()
    assert request.person == amal
    assert SharedPerson.objects.filter(person=amal).count() == 1
    assert timezone.localdate() <= agreement.ends_on
