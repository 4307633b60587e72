import datetime

import pytest
from django.http import Http404

from taawon.accounts.models import Organisation
from taawon.accounts.queries import owner_choices
from taawon.accounts.scoping import CHANGE

from ..queries import (
    cooperative_list,
    cooperatives_for,
    employment_units,
    get_cooperative_for_user,
    member_totals,
)
from ..rules import cooperative_actions
from ..services import set_member_counts
from .factories import CooperativeFactory, DistrictFactory, GovernorateFactory


@pytest.fixture
def registry(personas):
    lebanon = Organisation.objects.create(
        name_en="ILO Lebanon", kind="country_office", country="LB"
    )
    return {
        "a": CooperativeFactory(
            owner=personas.coop_a,
            name_en="Al-Khair Agricultural Cooperative",
            name_ar="جمعية الخير التعاونية الزراعية",
            registration_number="101/2012",
        ),
        "b": CooperativeFactory(
            owner=personas.coop_b,
            name_en="Women of the Valley",
            name_ar="جمعية نساء الغور",
            type="women",
            registration_number="202/2018",
        ),
        "office": CooperativeFactory(
            owner=personas.country_office,
            name_en="Olive Growers",
            name_ar="مزارعو الزيتون",
            registration_number="303/2001",
        ),
        "lebanon": CooperativeFactory(
            owner=lebanon,
            country="LB",
            governorate=GovernorateFactory(country="LB"),
            name_en="Akkar Cooperative",
            name_ar="جمعية عكار",
        ),
    }


def names(queryset):
    return sorted(c.name_en for c in queryset)


def test_a_counsellor_reads_every_cooperative_of_their_country(personas, registry):
    assert names(cooperative_list(personas.counsellor_a)) == [
        "Al-Khair Agricultural Cooperative",
        "Olive Growers",
        "Women of the Valley",
    ]


def test_a_counsellor_changes_only_cooperatives_of_their_own_unit(personas, registry):
    own = CooperativeFactory(owner=personas.unit_a, name_en="Unit A's cooperative")

    assert names(cooperatives_for(personas.counsellor_a, CHANGE)) == [own.name_en]
    assert cooperative_actions(personas.counsellor_a, registry["b"]) == []
    with pytest.raises(Http404):
        get_cooperative_for_user(personas.counsellor_a, registry["b"].pk, CHANGE)
    with pytest.raises(Http404):
        get_cooperative_for_user(personas.counsellor_a, registry["office"].pk, CHANGE)


def test_a_cooperative_administrator_changes_cooperatives_owned_by_their_cooperative(
    personas, registry
):
    assert names(cooperatives_for(personas.admin_a, CHANGE)) == [registry["a"].name_en]
    assert get_cooperative_for_user(personas.admin_a, registry["a"].pk, CHANGE) == registry["a"]
    assert set(owner_choices(personas.admin_a, "cooperatives")) == {
        personas.coop_a,
        personas.unit_a,
    }


def test_the_country_office_changes_every_cooperative_of_its_country(personas, registry):
    assert len(cooperatives_for(personas.officer, CHANGE)) == 3
    assert "change" in cooperative_actions(personas.officer, registry["b"])


@pytest.mark.parametrize("persona", ["outsider", "aggregate", "ministry_officer"])
def test_users_without_registry_rights_see_no_cooperative(personas, registry, persona):
    user = getattr(personas, persona)

    assert not cooperative_list(user).exists()
    with pytest.raises(Http404):
        get_cooperative_for_user(user, registry["a"].pk)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("الخير", ["Al-Khair Agricultural Cooperative"]),
        ("valley", ["Women of the Valley"]),
        ("303/2001", ["Olive Growers"]),
        ("  olive   growers ", ["Olive Growers"]),
    ],
)
def test_search_matches_names_in_both_scripts_and_the_registration_number(
    personas, registry, q, expected
):
    assert names(cooperative_list(personas.officer, q=q)) == expected


def test_filters_narrow_by_governorate_type_status_and_value_chain(personas, registry):
    district = DistrictFactory()
    honey = CooperativeFactory(
        owner=personas.coop_a,
        name_en="Honey makers",
        governorate=district.governorate,
        status="inactive",
        value_chains=["honey", "herbs"],
    )
    officer = personas.officer

    assert names(cooperative_list(officer, governorate=district.governorate_id)) == [honey.name_en]
    assert names(cooperative_list(officer, type="women")) == ["Women of the Valley"]
    assert names(cooperative_list(officer, status="inactive")) == [honey.name_en]
    assert names(cooperative_list(officer, value_chain="honey")) == [honey.name_en]
    assert names(cooperative_list(officer, value_chain="dairy")) == []


def test_archived_cooperatives_leave_the_list_but_stay_readable(personas, registry):
    archived = CooperativeFactory(
        owner=personas.coop_a,
        name_en="Old cooperative",
        is_archived=True,
        archived_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    )

    assert archived.name_en not in names(cooperative_list(personas.officer))
    assert names(cooperative_list(personas.officer, archived=True)) == [archived.name_en]
    assert get_cooperative_for_user(personas.officer, archived.pk) == archived
    assert cooperative_actions(personas.officer, archived) == []


def test_the_list_query_count_does_not_grow_with_rows(personas, django_assert_num_queries):
    for _ in range(8):
        CooperativeFactory(
            owner=personas.coop_a, district=DistrictFactory(), value_chains=["dairy", "honey"]
        )
    user = personas.counsellor_a

    # memberships, organisation tree, the page of cooperatives, their value chains
    with django_assert_num_queries(4):
        rows = list(cooperative_list(user))
        shown = [
            (c.governorate.name_ar, c.district.name_en, c.owner.name_en, list(c.value_chains.all()))
            for c in rows
        ]

    assert len(shown) == 8


def test_member_totals_sum_the_latest_date_by_sex_and_nationality(personas):
    cooperative = CooperativeFactory(owner=personas.coop_a)
    set_member_counts(
        cooperative=cooperative,
        as_of=datetime.date(2023, 1, 1),
        counts={("female", "JO"): 99},
        recorded_by=None,
    )
    set_member_counts(
        cooperative=cooperative,
        as_of=datetime.date(2024, 6, 30),
        counts={("female", "JO"): 12, ("male", "JO"): 20, ("female", "SY"): 5, ("male", "SY"): 1},
        recorded_by=None,
    )

    totals = member_totals(cooperative)

    assert totals.as_of == datetime.date(2024, 6, 30)
    assert (totals.total, totals.women, totals.men) == (38, 17, 21)
    assert [(r.code, r.women, r.men, r.total) for r in totals.by_nationality] == [
        ("JO", 12, 20, 32),
        ("SY", 5, 1, 6),
    ]


def test_member_totals_are_none_when_members_were_never_counted(personas):
    assert member_totals(CooperativeFactory(owner=personas.coop_a)) is None


def test_employment_units_are_the_active_units_under_the_cooperatives_organisation(personas):
    cooperative = CooperativeFactory(owner=personas.coop_a, organisation=personas.coop_a)
    closed = Organisation.objects.create(
        name_en="Closed unit", kind="employment_unit", country="JO", parent=personas.coop_a
    )
    closed.is_active = False
    closed.save()
    Organisation.objects.create(
        name_en="A partner", kind="partner", country="JO", parent=personas.coop_a
    )

    assert list(employment_units(cooperative)) == [personas.unit_a]
    assert list(employment_units(CooperativeFactory(owner=personas.coop_a))) == []
