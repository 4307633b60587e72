import datetime
from decimal import Decimal

import pytest

from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent

from .. import services
from ..models import Permit
from .factories import EXPIRES_ON, ISSUED_ON, application, issue, issued, submitted


def history(permit):
    return list(
        AuditEvent.objects.filter(object_type="permits.permit", object_id=str(permit.pk))
        .order_by("id")
        .values_list("note", flat=True)
    )


def test_an_application_goes_from_draft_to_submitted_to_issued_with_its_history(personas, world):
    permit = application(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    services.set_documents(
        permit=permit,
        documents_received=["identity", "photo", "medical", "cooperative_letter"],
        updated_by=personas.counsellor_a,
    )
    services.submit_application(permit=permit, submitted_by=personas.counsellor_a)
    issue(permit, by=personas.ministry_officer, number="wp 2023 001", fee_paid="10.5")

    permit.refresh_from_db()
    assert permit.status == Permit.Status.ISSUED
    assert permit.permit_number == "WP2023001"
    assert permit.fee_paid == Decimal("10.500")
    assert permit.decided_by == personas.ministry_officer
    assert history(permit) == ["applied", "documents", "submitted", "issued"]
    decision = AuditEvent.objects.get(object_id=str(permit.pk), note="issued")
    assert decision.action == "decide"
    assert decision.changes["status"] == ["submitted", "issued"]


def test_it_will_not_submit_without_every_required_document(personas, world):
    permit = application(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        documents_received=["identity", "photo"],
    )
    with pytest.raises(ValidationFailed) as caught:
        services.submit_application(permit=permit, submitted_by=personas.counsellor_a)
    assert "documents" in caught.value.field_errors
    permit.refresh_from_db()
    assert permit.status == Permit.Status.DRAFT


def test_an_employer_specific_permit_names_its_employer(personas, world):
    with pytest.raises(ValidationFailed) as caught:
        application(
            person=world.khaled,
            cooperative=world.coop_a,
            by=personas.counsellor_a,
            kind="employer",
        )
    assert "employer_name" in caught.value.field_errors


def test_only_a_ministry_officer_or_an_administrator_records_the_decision(personas, world):
    permit = submitted(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    for user in (personas.counsellor_a, personas.admin_a, personas.officer):
        with pytest.raises(PermissionDenied):
            issue(permit, by=user)
        with pytest.raises(PermissionDenied):
            services.reject_permit(permit=permit, reason="No", decided_by=user)

    issue(permit, by=personas.admin)
    assert Permit.objects.get(pk=permit.pk).status == "issued"


def test_the_expiry_must_come_after_the_issue(personas, world):
    permit = submitted(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    with pytest.raises(ValidationFailed) as caught:
        issue(
            permit,
            by=personas.ministry_officer,
            issued_on=datetime.date(2023, 5, 1),
            expires_on=datetime.date(2023, 5, 1),
        )
    assert "expires_on" in caught.value.field_errors


def test_a_person_cannot_hold_two_active_permits_on_overlapping_dates(personas, world):
    issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
    )
    second = submitted(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)

    with pytest.raises(ValidationFailed) as caught:
        issue(
            second,
            by=personas.ministry_officer,
            issued_on=EXPIRES_ON,
            expires_on=EXPIRES_ON + datetime.timedelta(days=365),
        )
    assert "two permits may not be active" in caught.value.field_errors["issued_on"][0]

    issue(
        second,
        by=personas.ministry_officer,
        issued_on=EXPIRES_ON + datetime.timedelta(days=1),
        expires_on=EXPIRES_ON + datetime.timedelta(days=366),
    )
    assert Permit.objects.filter(person=world.khaled, status="issued").count() == 2


def test_a_cancelled_permit_no_longer_blocks_the_dates(personas, world):
    first = issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
    )
    services.cancel_permit(
        permit=first, reason="Left the country", cancelled_by=personas.ministry_officer
    )
    second = issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
    )
    assert second.status == "issued"


def test_a_permit_number_belongs_to_one_permit(personas, world):
    issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        number="WP-1",
    )
    other = submitted(person=world.mariam, cooperative=world.coop_b, by=personas.counsellor_b)
    with pytest.raises(ValidationFailed) as caught:
        issue(other, by=personas.ministry_officer, number="wp-1")
    assert "permit_number" in caught.value.field_errors


def test_a_rejection_needs_the_ministrys_reason(personas, world):
    permit = submitted(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    with pytest.raises(ValidationFailed):
        services.reject_permit(permit=permit, reason=" ", decided_by=personas.ministry_officer)

    services.reject_permit(
        permit=permit, reason="Incomplete medical file", decided_by=personas.ministry_officer
    )
    permit.refresh_from_db()
    assert (permit.status, permit.rejection_reason) == ("rejected", "Incomplete medical file")
    assert history(permit)[-1] == "rejected"


def test_a_decision_is_recorded_only_on_a_submitted_application(personas, world):
    draft = application(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    with pytest.raises(Conflict):
        issue(draft, by=personas.ministry_officer)


def test_a_renewal_is_a_new_application_linked_to_the_issued_permit(personas, world):
    permit = issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
    )
    renewal = services.renew_permit(permit=permit, created_by=personas.counsellor_a)

    assert renewal.previous == permit
    assert (renewal.status, renewal.person, renewal.sector) == (
        "draft",
        world.khaled,
        "agriculture",
    )
    assert history(permit)[-1] == "renewal_started"
    assert history(renewal) == ["renewal_of"]
    with pytest.raises(Conflict):
        services.renew_permit(permit=permit, created_by=personas.counsellor_a)

    # The renewal may overlap the permit it renews, but must end after it.
    services.set_documents(
        permit=renewal,
        documents_received=["identity", "photo", "medical", "cooperative_letter"],
        updated_by=personas.counsellor_a,
    )
    services.submit_application(permit=renewal, submitted_by=personas.counsellor_a)
    with pytest.raises(ValidationFailed):
        issue(renewal, by=personas.ministry_officer, expires_on=EXPIRES_ON)
    issue(
        renewal,
        by=personas.ministry_officer,
        issued_on=EXPIRES_ON - datetime.timedelta(days=10),
        expires_on=EXPIRES_ON + datetime.timedelta(days=355),
    )
    assert Permit.objects.get(pk=renewal.pk).status == "issued"


def test_only_an_issued_permit_can_be_renewed(personas, world):
    draft = application(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    with pytest.raises(Conflict):
        services.renew_permit(permit=draft, created_by=personas.counsellor_a)
    services.cancel_permit(permit=draft, reason="Withdrawn", cancelled_by=personas.counsellor_a)
    with pytest.raises(Conflict):
        services.renew_permit(permit=draft, created_by=personas.counsellor_a)


def test_a_unit_withdraws_its_application_but_only_the_ministry_cancels_a_permit(personas, world):
    permit = issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
    )
    with pytest.raises(PermissionDenied):
        services.cancel_permit(permit=permit, reason="Moved", cancelled_by=personas.counsellor_a)
    with pytest.raises(ValidationFailed):
        services.cancel_permit(permit=permit, reason="", cancelled_by=personas.ministry_officer)

    services.cancel_permit(permit=permit, reason="Moved", cancelled_by=personas.ministry_officer)
    permit.refresh_from_db()
    assert (permit.status, permit.cancellation_reason) == ("cancelled", "Moved")
    assert history(permit)[-1] == "cancelled"


def test_a_person_has_one_application_under_way_at_a_time(personas, world):
    application(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    with pytest.raises(ValidationFailed) as caught:
        application(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    assert "person" in caught.value.field_errors


def test_units_change_only_their_own_permits(personas, world):
    with pytest.raises(PermissionDenied):
        application(person=world.mariam, cooperative=world.coop_b, by=personas.counsellor_a)
    with pytest.raises(PermissionDenied):
        application(
            person=world.khaled,
            cooperative=world.coop_a,
            by=personas.counsellor_b,
            owner=personas.unit_b,
        )


def test_the_owner_must_be_the_cooperative_or_one_of_its_units(personas, world):
    with pytest.raises(ValidationFailed) as caught:
        application(
            person=world.khaled,
            cooperative=world.coop_b,
            by=personas.officer,
            owner=personas.unit_a,
        )
    assert "owner" in caught.value.field_errors


def test_the_database_refuses_an_issued_permit_without_dates(personas, world):
    from django.db import IntegrityError, transaction

    permit = application(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Permit.objects.filter(pk=permit.pk).update(status="issued", permit_number="X")
    with pytest.raises(IntegrityError), transaction.atomic():
        Permit.objects.filter(pk=permit.pk).update(
            issued_on=ISSUED_ON, expires_on=ISSUED_ON - datetime.timedelta(days=1)
        )
