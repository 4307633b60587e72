import pytest

from taawon.accounts import queries
from taawon.accounts.models import Membership, User
from taawon.core.exceptions import PermissionDenied, ValidationFailed


def test_members_of_loads_the_users_in_one_query(personas, django_assert_num_queries):
    for n in range(5):
        user = User.objects.create_user(username=f"member{n}")
        Membership.objects.create(user=user, organisation=personas.unit_a, role="viewer")

    with django_assert_num_queries(1):
        rows = [
            (m.user.username, m.user.is_active, m.role) for m in queries.members_of(personas.unit_a)
        ]

    assert len(rows) == 8


def test_manageable_organisations_cost_three_queries_with_their_parents_and_counts(
    personas, django_assert_num_queries
):
    admin_a = User.objects.get(pk=personas.admin_a.pk)

    # Memberships and the organisation tree (scoping), then the list itself.
    with django_assert_num_queries(3):
        rows = [
            (o.display_name, str(o.parent), o.member_count)
            for o in queries.manageable_organisations(admin_a)
        ]

    assert sorted(rows) == [("Cooperative A", "ILO Jordan", 1), ("Unit A", "Cooperative A", 3)]


def test_memberships_with_management_flags_what_the_user_manages(personas):
    rows = queries.memberships_with_management(personas.admin_a)
    assert [(r.membership.organisation, r.manageable) for r in rows] == [(personas.coop_a, True)]

    rows = queries.memberships_with_management(personas.counsellor_a)
    assert [(r.membership.organisation, r.manageable) for r in rows] == [(personas.unit_a, False)]


def test_owner_choices_are_the_organisations_a_user_changes_records_of(personas):
    assert list(queries.owner_choices(personas.counsellor_a, "people")) == [personas.unit_a]
    assert set(queries.owner_choices(personas.admin_a, "people")) == {
        personas.coop_a,
        personas.unit_a,
    }
    assert not queries.owner_choices(personas.viewer_a, "people").exists()


def test_a_single_possible_owner_is_picked_without_being_named(personas):
    assert queries.pick_owner(personas.counsellor_a, None, "people") == personas.unit_a
    assert queries.pick_owner(personas.counsellor_a, personas.unit_a.pk, "people") == (
        personas.unit_a
    )


def test_with_several_possible_owners_the_one_named_is_picked(personas):
    picked = queries.pick_owner(personas.admin_a, personas.coop_a.pk, "people")

    assert picked == personas.coop_a


def test_with_several_possible_owners_one_must_be_named(personas):
    with pytest.raises(ValidationFailed) as raised:
        queries.pick_owner(personas.admin_a, None, "people")

    assert raised.value.field_errors == {"owner": [str(queries.OWNER_WORDS.choose)]}


@pytest.mark.parametrize("owner", ["unit_b", "coop_b"])
def test_an_owner_out_of_reach_is_a_field_error_in_the_callers_words(personas, owner):
    words = queries.OwnerWords(none="none", choose="choose", refused="not this one")

    with pytest.raises(ValidationFailed) as raised:
        queries.pick_owner(
            personas.counsellor_a, getattr(personas, owner).pk, "people", words=words
        )

    assert raised.value.field_errors == {"owner": ["not this one"]}


def test_a_user_who_changes_nothing_may_not_pick_an_owner(personas):
    with pytest.raises(PermissionDenied):
        queries.pick_owner(personas.viewer_a, None, "people")
    with pytest.raises(PermissionDenied):
        queries.pick_owner(personas.outsider, personas.unit_a.pk, "people")


def test_a_domain_may_narrow_the_choices(personas):
    narrowed = [personas.coop_a]

    assert queries.pick_owner(personas.officer, None, "people", choices=narrowed) == (
        personas.coop_a
    )
    with pytest.raises(ValidationFailed):
        queries.pick_owner(personas.officer, personas.unit_a.pk, "people", choices=narrowed)
