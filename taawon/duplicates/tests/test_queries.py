"""Who sees which pairs and merges: both persons must be within the user's reach."""

import pytest
from django.http import Http404

from taawon.accounts import scoping
from taawon.duplicates import queries, services
from taawon.duplicates.models import DuplicatePair

from .factories import khaled, pair_of


@pytest.fixture
def pairs(personas):
    a, b = personas.unit_a, personas.unit_b
    by_a, by_b = personas.counsellor_a, personas.counsellor_b
    return {
        "a": pair_of(khaled(a, by_a), khaled(a, by_a, given_name_en="Khalid")),
        "b": pair_of(khaled(b, by_b), khaled(b, by_b, given_name_en="Khalid")),
        "ab": pair_of(khaled(a, by_a, phone=""), khaled(b, by_b, phone="")),
    }


def visible(user) -> set[int]:
    return {p.pk for p in queries.review_queue(user)}


def test_each_user_sees_the_pairs_whose_two_persons_they_may_read(personas, pairs):
    ids = {name: pair.pk for name, pair in pairs.items()}
    assert visible(personas.counsellor_a) == {ids["a"]}
    assert visible(personas.clerk_a) == {ids["a"]}
    assert visible(personas.admin_a) == {ids["a"]}
    assert visible(personas.counsellor_b) == {ids["b"]}
    assert visible(personas.officer) == set(ids.values())
    assert visible(personas.admin) == set(ids.values())
    for user in (personas.ministry_officer, personas.aggregate, personas.outsider):
        assert visible(user) == set()


def test_a_pair_across_units_is_not_found_by_a_counsellor_of_either(personas, pairs):
    for user in (personas.counsellor_a, personas.counsellor_b):
        with pytest.raises(Http404):
            queries.get_pair_for_user(user, pairs["ab"].pk)
    assert queries.get_pair_for_user(personas.officer, pairs["ab"].pk) == pairs["ab"]


def test_pairs_read_with_the_people_registrys_reach(personas):
    # Pairs are scoped as the "duplicates" domain; they show persons, so that reach must be
    # the registry's for every role, or a pair would show a person its reader may not see.
    for user in vars(personas).values():
        if hasattr(user, "username"):
            assert scoping.reach(user, domain="duplicates") == scoping.reach(
                user, domain="people"
            ), user.username


def test_a_pair_whose_person_was_merged_elsewhere_leaves_the_queue_until_undone(personas, pairs):
    pair = pairs["a"]
    third = khaled(personas.unit_a, personas.counsellor_a, phone="")
    merge = services.merge_pair(
        pair=pair_of(pair.person_b, third), survivor=third, performed_by=personas.officer
    )
    assert pair.pk not in visible(personas.counsellor_a)
    services.undo_merge(merge=merge, performed_by=personas.officer)
    assert pair.pk in visible(personas.counsellor_a)


def test_the_queue_filters_by_status(personas, pairs):
    services.review_pair(pair=pairs["a"], decision="different", reviewed_by=personas.officer)
    rejected = queries.review_queue(personas.officer, status=DuplicatePair.Status.REJECTED)
    assert list(rejected) == [pairs["a"]]
    assert pairs["a"].pk not in visible(personas.officer)


def test_the_queue_costs_one_query_whatever_its_length(personas, pairs, django_assert_num_queries):
    user = personas.officer
    scoping.reach(user, domain="duplicates")  # reach is read once per request
    with django_assert_num_queries(1):
        rows = list(queries.review_queue(user))
        [(p.person_a.owner.display_name, p.person_b.governorate) for p in rows]


def test_merges_show_to_users_who_may_read_both_records(personas, pairs):
    merge = services.merge_pair(
        pair=pairs["ab"], survivor=pairs["ab"].person_a, performed_by=personas.officer
    )
    assert list(queries.merge_list(personas.officer)) == [merge]
    assert list(queries.merge_list(personas.counsellor_a)) == []
    with pytest.raises(Http404):
        queries.get_merge_for_user(personas.counsellor_b, merge.pk)
