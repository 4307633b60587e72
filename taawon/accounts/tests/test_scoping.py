"""Who reaches which organisations' records, persona by persona.

Rows of people.Person stand in for any owned record: scoping only looks at the owner.
"""

import pytest
from django.http import Http404

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation, User
from taawon.accounts.scoping import CHANGE, MANAGE_USERS, READ
from taawon.people.models import Person


def fresh(user: User) -> User:
    """The user as a new request would load it, without cached reach."""
    return User.objects.get(pk=user.pk)


def ids(*orgs: Organisation) -> frozenset[int]:
    return frozenset(org.pk for org in orgs)


def all_jordan(p) -> frozenset[int]:
    return ids(p.country_office, p.ministry, p.donor, p.coop_a, p.coop_b, p.unit_a, p.unit_b)


@pytest.fixture
def people(personas):
    """One person owned by each cooperative and unit."""
    return {
        org: Person.objects.create(
            owner=getattr(personas, org),
            given_name_en=f"Person of {org}",
            sex="female",
            displacement_status="refugee",
        )
        for org in ("coop_a", "coop_b", "unit_a", "unit_b")
    }


def visible(user: User, action: str = READ) -> set[str]:
    return {
        p.given_name_en.removeprefix("Person of ")
        for p in scoping.scope(Person.objects.all(), user, action)
    }


def test_a_counsellor_reaches_their_unit_only(personas, people):
    counsellor = personas.counsellor_a

    assert scoping.reach(counsellor, domain="people").organisation_ids == ids(personas.unit_a)
    assert visible(counsellor) == {"unit_a"}
    assert visible(counsellor, CHANGE) == {"unit_a"}
    assert scoping.can(counsellor, CHANGE, people["unit_a"])
    assert not scoping.can(counsellor, READ, people["unit_b"])
    assert not scoping.can(counsellor, READ, people["coop_a"])
    assert list(scoping.organisations(counsellor, domain="people")) == [personas.unit_a]


def test_a_counsellor_may_manage_no_users(personas):
    for org in (personas.unit_a, personas.coop_a):
        assert not scoping.may_manage_users(personas.counsellor_a, org)


def test_a_cooperative_administrator_reaches_the_cooperative_and_its_unit(personas, people):
    admin_a = personas.admin_a

    assert scoping.reach(admin_a, domain="people").organisation_ids == ids(
        personas.coop_a, personas.unit_a
    )
    assert visible(admin_a) == {"coop_a", "unit_a"}
    assert visible(admin_a, CHANGE) == {"coop_a", "unit_a"}


def test_a_cooperative_administrator_manages_users_of_the_cooperative_and_its_unit(personas):
    admin_a = personas.admin_a

    assert scoping.may_manage_users(admin_a, personas.coop_a)
    assert scoping.may_manage_users(admin_a, personas.unit_a)
    for org in (personas.coop_b, personas.unit_b, personas.country_office, personas.ministry):
        assert not scoping.may_manage_users(admin_a, org)


def test_the_country_office_officer_reaches_every_organisation_of_the_country(personas, people):
    officer = personas.officer

    assert scoping.reach(officer, domain="people").organisation_ids == all_jordan(personas)
    assert visible(officer) == {"coop_a", "coop_b", "unit_a", "unit_b"}
    assert visible(officer, CHANGE) == {"coop_a", "coop_b", "unit_a", "unit_b"}
    # A manager, not an administrator: reach over records, not over users.
    assert not scoping.may_manage_users(officer, personas.coop_a)


def test_the_country_office_reach_stops_at_the_border(personas):
    lebanon = Organisation.objects.create(
        name_en="Cooperative L", kind=Organisation.Kind.COOPERATIVE, country="LB"
    )

    assert lebanon.pk not in scoping.reach(personas.officer, domain="people")
    assert lebanon.pk not in scoping.reach(personas.ministry_officer, domain="permits")


def test_a_ministry_officer_reaches_permits_country_wide_and_no_person(personas, people):
    ministry = personas.ministry_officer

    assert scoping.reach(ministry, READ, domain="permits").organisation_ids == all_jordan(personas)
    assert scoping.reach(ministry, CHANGE, domain="permits").organisation_ids == all_jordan(
        personas
    )
    assert scoping.reach(ministry, domain="people").empty
    assert scoping.reach(ministry, domain="indicators").empty
    assert visible(ministry) == set()
    assert not scoping.may_manage_users(ministry, personas.ministry)


def test_an_aggregate_viewer_reaches_indicators_only(personas, people):
    aggregate = personas.aggregate

    assert not scoping.reach(aggregate, domain="indicators").empty
    for domain in ("people", "permits", "cooperatives", "employment", "accounts"):
        assert scoping.reach(aggregate, domain=domain).empty, domain
    assert visible(aggregate) == set()


def test_a_viewer_reads_their_unit_but_changes_nothing(personas, people):
    viewer = personas.viewer_a

    assert visible(viewer) == {"unit_a"}
    assert visible(viewer, CHANGE) == set()
    assert scoping.can(viewer, READ, people["unit_a"])
    assert not scoping.can(viewer, CHANGE, people["unit_a"])
    assert scoping.reach(viewer, scoping.REVEAL, domain="people").empty


def test_a_data_clerk_changes_records_but_may_not_reveal_identifiers(personas, people):
    clerk = personas.clerk_a

    assert visible(clerk, CHANGE) == {"unit_a"}
    assert scoping.reach(clerk, scoping.REVEAL, domain="people").empty


def test_an_outsider_reaches_nothing(personas, people):
    outsider = personas.outsider

    for domain in ("people", "permits", "cooperatives", "indicators", "accounts"):
        assert scoping.reach(outsider, domain=domain).empty, domain
    assert visible(outsider) == set()
    assert not scoping.organisations(outsider, domain="cooperatives").exists()
    assert not scoping.may_manage_users(outsider, personas.unit_a)


def test_the_superuser_reaches_everything(personas, people):
    admin = personas.admin

    assert scoping.reach(admin, MANAGE_USERS, domain="accounts").everything
    assert visible(admin, CHANGE) == {"coop_a", "coop_b", "unit_a", "unit_b"}
    assert all(scoping.may_manage_users(admin, org) for org in Organisation.objects.all())


def test_the_cooperative_registry_is_readable_country_wide_but_changeable_only_in_reach(
    personas,
):
    counsellor = personas.counsellor_a
    lebanon = Organisation.objects.create(
        name_en="Cooperative L", kind=Organisation.Kind.COOPERATIVE, country="LB"
    )

    readable = scoping.reach(counsellor, READ, domain="cooperatives").organisation_ids
    assert readable == all_jordan(personas)
    assert lebanon.pk not in readable
    assert scoping.reach(counsellor, CHANGE, domain="cooperatives").organisation_ids == ids(
        personas.unit_a
    )
    # Only the cooperatives registry is widened: people stay within the unit.
    assert scoping.reach(counsellor, READ, domain="people").organisation_ids == ids(personas.unit_a)


def test_an_inactive_organisation_drops_out_of_every_reach(personas, people):
    Organisation.objects.filter(pk=personas.unit_a.pk).update(is_active=False)

    assert scoping.reach(fresh(personas.counsellor_a), domain="people").empty
    assert visible(fresh(personas.admin_a)) == {"coop_a"}
    assert not scoping.may_manage_users(fresh(personas.admin_a), personas.unit_a)
    assert personas.unit_a.pk not in scoping.reach(fresh(personas.officer), domain="people")
    assert personas.unit_a not in scoping.organisations(fresh(personas.admin), domain="people")


def test_members_of_an_inactive_cooperative_reach_nothing(personas):
    Organisation.objects.filter(pk=personas.coop_a.pk).update(is_active=False)

    assert scoping.reach(fresh(personas.admin_a), domain="people").empty


def test_an_inactive_user_reaches_nothing(personas, people):
    User.objects.filter(pk=personas.counsellor_a.pk).update(is_active=False)

    assert visible(fresh(personas.counsellor_a)) == set()


def test_get_scoped_or_404_hides_rows_out_of_reach(personas, people):
    qs = Person.objects.all()
    counsellor = personas.counsellor_a

    assert scoping.get_scoped_or_404(qs, counsellor, people["unit_a"].pk) == people["unit_a"]
    for pk in (people["unit_b"].pk, "not-a-number", 0):
        with pytest.raises(Http404):
            scoping.get_scoped_or_404(qs, counsellor, pk)
    with pytest.raises(Http404):
        scoping.get_scoped_or_404(qs, personas.viewer_a, people["unit_a"].pk, CHANGE)


def test_forget_lets_a_changed_membership_take_effect(personas):
    counsellor = personas.counsellor_a
    assert scoping.reach(counsellor, domain="people").organisation_ids == ids(personas.unit_a)

    Membership.objects.filter(user=counsellor).update(organisation=personas.unit_b)
    scoping.forget(counsellor)

    assert scoping.reach(counsellor, domain="people").organisation_ids == ids(personas.unit_b)


def test_other_roles_in_a_ministry_stay_within_the_ministry(personas, people):
    # Country-wide reach is for what ministry officers do (permits); otherwise an
    # administrator of the ministry could add themselves a viewer and read every person.
    ministry_admin = User.objects.create_user(username="ministry_admin")
    Membership.objects.create(
        user=ministry_admin, organisation=personas.ministry, role=Membership.Role.ADMINISTRATOR
    )

    assert scoping.may_manage_users(ministry_admin, personas.ministry)
    assert not scoping.may_manage_users(ministry_admin, personas.coop_a)
    assert scoping.reach(ministry_admin, domain="people").organisation_ids == ids(personas.ministry)
    assert visible(ministry_admin) == set()


def test_a_request_reads_the_organisation_tree_once_whatever_it_asks(
    personas, django_assert_num_queries
):
    user = fresh(personas.admin_a)
    with django_assert_num_queries(2):  # the memberships, then the tree
        people = scoping.reach(user, READ, domain="people")
        scoping.reach(user, CHANGE, domain="people")
        scoping.reach(user, READ, domain="employment")
        scoping.reach(user, MANAGE_USERS, domain="accounts")
    assert personas.unit_a.pk in people


def test_forgetting_a_user_reads_the_organisation_tree_again(personas):
    user = fresh(personas.admin_a)
    before = scoping.reach(user, READ, domain="people")
    unit = Organisation.objects.create(
        name_en="Unit C", kind=Organisation.Kind.EMPLOYMENT_UNIT, country="JO",
        parent=personas.coop_a,
    )  # fmt: skip
    scoping.forget(user)
    assert unit.pk not in before
    assert unit.pk in scoping.reach(user, READ, domain="people")
