from taawon.accounts import queries
from taawon.accounts.models import Membership, User


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
