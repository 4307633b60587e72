import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from taawon.accounts.models import Organisation
from taawon.core.exceptions import PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent

from ..models import Cooperative, MemberCount
from ..queries import employment_units
from ..services import (
    archive_cooperative,
    attach_employment_unit,
    register_cooperative,
    set_member_counts,
    update_cooperative,
)
from .factories import CooperativeFactory, DistrictFactory, GovernorateFactory

# Two days ahead: still in the future if a run crosses midnight in Amman.
FUTURE = timezone.localdate() + datetime.timedelta(days=2)


@pytest.fixture
def district(db):
    return DistrictFactory()


def register(personas, place, **overrides):
    values = {
        "owner": personas.coop_a,
        "registration_number": "1234/2015",
        "name_ar": "جمعية الخير التعاونية الزراعية",
        "name_en": "Al-Khair Agricultural Cooperative",
        "type": Cooperative.Type.AGRICULTURAL,
        "governorate": place.governorate,
        "district": place,
        "value_chains": ["vegetables", "dairy"],
        "founding_date": datetime.date(2015, 3, 1),
        "contact_person": "Fatima Al-Zoubi",
        "phone": "079 123 4567",
        "email": "Info@Khair.example",
        "created_by": personas.admin_a,
    }
    values.update(overrides)
    return register_cooperative(**values)


def events_of(cooperative):
    return AuditEvent.objects.filter(
        object_type="cooperatives.cooperative", object_id=str(cooperative.pk)
    ).order_by("id")


def test_registering_stores_normalised_contact_details_and_audits_value_chains(personas, district):
    cooperative = register(personas, district)

    cooperative.refresh_from_db()
    assert cooperative.phone == "+962791234567"
    assert cooperative.email == "info@khair.example"
    assert cooperative.country == "JO"
    assert cooperative.owner == personas.coop_a
    assert sorted(c.code for c in cooperative.value_chains.all()) == ["dairy", "vegetables"]
    [event] = events_of(cooperative)
    assert event.action == AuditEvent.Action.CREATE
    assert event.actor == personas.admin_a
    assert event.owner_id == personas.coop_a.pk
    assert event.changes["value_chains"] == [None, ["dairy", "vegetables"]]
    assert event.changes["registration_number"] == [None, "1234/2015"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"founding_date": FUTURE}, "founding_date"),
        ({"registration_number": "  "}, "registration_number"),
        ({"registration_number": "12#4"}, "registration_number"),
        ({"phone": "12345"}, "phone"),
        ({"email": "not-an-email"}, "email"),
        ({"value_chains": ["vegetables", "spaceships"]}, "value_chains"),
        ({"name_ar": "", "name_en": " "}, "name_ar"),
        ({"type": "banking"}, "type"),
        ({"status": "sleeping"}, "status"),
    ],
)
def test_registering_rejects_bad_input_with_a_field_error_and_writes_nothing(
    personas, district, overrides, field
):
    with pytest.raises(ValidationFailed) as caught:
        register(personas, district, **overrides)

    assert field in caught.value.field_errors
    assert not Cooperative.objects.exists()
    assert not AuditEvent.objects.filter(object_type="cooperatives.cooperative").exists()


def test_registering_reports_every_bad_field_at_once(personas, district):
    with pytest.raises(ValidationFailed) as caught:
        register(personas, district, phone="abc", email="x@", founding_date=FUTURE)

    assert set(caught.value.field_errors) == {"phone", "email", "founding_date"}


def test_registering_rejects_a_district_outside_the_governorate(personas, district):
    elsewhere = DistrictFactory()

    with pytest.raises(ValidationFailed) as caught:
        register(personas, district, district=elsewhere)

    assert "district" in caught.value.field_errors
    assert not Cooperative.objects.exists()


def test_registering_rejects_a_registration_number_taken_in_the_same_country(personas, district):
    register(personas, district, registration_number="77/2010")

    with pytest.raises(ValidationFailed) as caught:
        register(personas, district, registration_number=" 77/2010 ", owner=personas.unit_a)

    assert "registration_number" in caught.value.field_errors
    assert Cooperative.objects.count() == 1


def test_the_same_registration_number_may_exist_in_another_country(personas, district):
    register(personas, district, registration_number="77/2010")
    lebanon = Organisation.objects.create(
        name_en="ILO Lebanon", kind="country_office", country="LB"
    )
    akkar = GovernorateFactory(country="LB", name_en="Akkar", name_ar="عكار")

    cooperative = register(
        personas,
        district,
        owner=lebanon,
        registration_number="77/2010",
        governorate=akkar,
        district=None,
        phone="03 123 456",
        created_by=personas.admin,
    )

    assert cooperative.country == "LB"
    assert cooperative.phone == "+9613123456"


def test_registering_rejects_a_governorate_of_another_country(personas, district):
    akkar = GovernorateFactory(country="LB")

    with pytest.raises(ValidationFailed) as caught:
        register(personas, district, governorate=akkar, district=None)

    assert "governorate" in caught.value.field_errors


def test_registering_for_an_organisation_out_of_change_reach_is_refused(personas, district):
    with pytest.raises(ValidationFailed) as caught:
        register(personas, district, owner=personas.coop_b, created_by=personas.counsellor_a)

    assert "owner" in caught.value.field_errors
    assert not Cooperative.objects.exists()


def test_the_database_refuses_a_duplicate_registration_number_in_a_country(personas):
    CooperativeFactory(owner=personas.coop_a, registration_number="5/2001")

    with pytest.raises(IntegrityError), transaction.atomic():
        CooperativeFactory(owner=personas.coop_b, registration_number="5/2001")


def test_the_database_refuses_a_cooperative_without_any_name(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        CooperativeFactory(owner=personas.coop_a, name_en="", name_ar="")


def test_updating_audits_only_the_fields_that_changed(personas, district):
    cooperative = register(personas, district)

    update_cooperative(
        cooperative=cooperative,
        updated_by=personas.admin_a,
        name_en="Al-Khair Cooperative",
        value_chains=["dairy", "honey"],
        phone="+962 79 123 4567",
    )

    cooperative.refresh_from_db()
    assert cooperative.name_en == "Al-Khair Cooperative"
    assert cooperative.updated_by == personas.admin_a
    event = events_of(cooperative).last()
    assert event.action == AuditEvent.Action.UPDATE
    assert event.changes == {
        "name_en": ["Al-Khair Agricultural Cooperative", "Al-Khair Cooperative"],
        "value_chains": [["dairy", "vegetables"], ["dairy", "honey"]],
    }


def test_an_update_that_changes_nothing_writes_no_audit_event(personas, district):
    cooperative = register(personas, district)

    update_cooperative(cooperative=cooperative, updated_by=personas.admin_a, phone="0791234567")

    assert events_of(cooperative).count() == 1


def test_a_bad_update_changes_nothing(personas, district):
    cooperative = register(personas, district)

    with pytest.raises(ValidationFailed):
        update_cooperative(
            cooperative=cooperative,
            updated_by=personas.admin_a,
            name_en="New name",
            district=DistrictFactory(),
        )

    cooperative.refresh_from_db()
    assert cooperative.name_en == "Al-Khair Agricultural Cooperative"
    assert events_of(cooperative).count() == 1


def test_updating_a_cooperative_out_of_change_reach_is_refused(personas):
    cooperative = CooperativeFactory(owner=personas.coop_b)

    with pytest.raises(PermissionDenied):
        update_cooperative(cooperative=cooperative, updated_by=personas.counsellor_a, name_en="X")


def test_archiving_keeps_the_record_and_freezes_it(personas, district):
    cooperative = register(personas, district)

    archive_cooperative(cooperative=cooperative, archived_by=personas.admin_a)

    cooperative.refresh_from_db()
    assert cooperative.is_archived
    assert cooperative.archived_at is not None
    assert events_of(cooperative).last().action == AuditEvent.Action.ARCHIVE
    with pytest.raises(ValidationFailed):
        update_cooperative(cooperative=cooperative, updated_by=personas.admin_a, name_en="X")


def test_member_counts_replace_those_of_the_same_date_and_are_audited(personas):
    cooperative = CooperativeFactory(owner=personas.coop_a)
    as_of = datetime.date(2024, 1, 1)
    set_member_counts(
        cooperative=cooperative,
        as_of=as_of,
        counts={("female", "JO"): 10, ("male", "SY"): 3},
        recorded_by=personas.admin_a,
    )

    set_member_counts(
        cooperative=cooperative,
        as_of=as_of,
        counts={("female", "jo"): 12},
        recorded_by=personas.admin_a,
    )

    rows = list(cooperative.member_counts.values_list("sex", "nationality", "count"))
    assert rows == [("female", "JO", 12)]
    event = events_of(cooperative).last()
    assert event.changes == {
        "members on 2024-01-01": [{"female/JO": 10, "male/SY": 3}, {"female/JO": 12}]
    }


@pytest.mark.parametrize(
    ("counts", "as_of", "field"),
    [
        ({("female", "JO"): -1}, datetime.date(2024, 1, 1), "counts"),
        ({("female", "XX"): 4}, datetime.date(2024, 1, 1), "counts"),
        ({("other", "JO"): 4}, datetime.date(2024, 1, 1), "counts"),
        ({("female", "JO"): 4}, FUTURE, "as_of"),
    ],
)
def test_bad_member_counts_are_refused_and_nothing_is_written(personas, counts, as_of, field):
    cooperative = CooperativeFactory(owner=personas.coop_a)

    with pytest.raises(ValidationFailed) as caught:
        set_member_counts(
            cooperative=cooperative, as_of=as_of, counts=counts, recorded_by=personas.admin_a
        )

    assert field in caught.value.field_errors
    assert not MemberCount.objects.exists()


def test_the_database_refuses_a_negative_member_count(personas):
    cooperative = CooperativeFactory(owner=personas.coop_a)

    with pytest.raises(IntegrityError), transaction.atomic():
        MemberCount.objects.create(
            cooperative=cooperative,
            as_of=datetime.date(2024, 1, 1),
            sex="male",
            nationality="SY",
            count=-5,
        )


def test_the_database_refuses_two_counts_for_the_same_date_sex_and_nationality(personas):
    cooperative = CooperativeFactory(owner=personas.coop_a)
    row = {"cooperative": cooperative, "as_of": datetime.date(2024, 1, 1), "sex": "male"}
    MemberCount.objects.create(**row, nationality="SY", count=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        MemberCount.objects.create(**row, nationality="SY", count=2)


def test_attaching_a_unit_creates_the_cooperatives_organisation_first(personas):
    cooperative = CooperativeFactory(
        owner=personas.coop_a, name_en="Al-Amal Cooperative", name_ar="جمعية الأمل"
    )

    unit = attach_employment_unit(
        cooperative=cooperative,
        name_en="Al-Amal employment unit",
        name_ar="وحدة التشغيل في جمعية الأمل",
        created_by=personas.admin_a,
    )
    second = attach_employment_unit(
        cooperative=cooperative, name_en="Second unit", name_ar="", created_by=personas.admin_a
    )

    cooperative.refresh_from_db()
    organisation = cooperative.organisation
    assert organisation.kind == Organisation.Kind.COOPERATIVE
    assert organisation.name_ar == "جمعية الأمل"
    assert organisation.parent == personas.country_office
    assert unit.kind == Organisation.Kind.EMPLOYMENT_UNIT
    assert unit.parent == organisation
    assert second.parent == organisation
    assert list(employment_units(cooperative)) == [unit, second]
    assert (
        AuditEvent.objects.filter(
            object_type="accounts.organisation", action=AuditEvent.Action.CREATE
        ).count()
        == 3
    )
    assert events_of(cooperative).last().changes == {"organisation": [None, organisation.pk]}


def test_attaching_a_unit_out_of_change_reach_is_refused(personas):
    cooperative = CooperativeFactory(owner=personas.coop_b)

    with pytest.raises(PermissionDenied):
        attach_employment_unit(
            cooperative=cooperative, name_en="U", name_ar="", created_by=personas.counsellor_a
        )

    assert not Organisation.objects.filter(name_en="U").exists()
