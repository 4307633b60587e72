"""Blocking and chunking in arrays, without a database."""

import numpy as np

from taawon.duplicates.blocking import BlockingInput, candidate_pairs, day_month
from taawon.duplicates.detection import chunks


def registry(keys: list[list[int]], years=None, dates=None, phones=None) -> BlockingInput:
    n = len(keys)
    person = [i for i, ks in enumerate(keys) for _ in ks]
    key = [k for ks in keys for k in ks]
    return BlockingInput(
        n=n,
        key_person=np.array(person, np.int64),
        key_id=np.array(key, np.int64),
        birth_year=np.array(years or [0] * n, np.int64),
        day_month=np.array([day_month(*d) if d else 0 for d in (dates or [None] * n)], np.int64),
        phone=np.array(phones or [0] * n, np.int64),
    )


def pairs(candidates) -> set[tuple[int, int]]:
    return set(zip(candidates.first.tolist(), candidates.second.tolist(), strict=True))


def test_persons_sharing_two_name_keys_are_compared_and_one_shared_key_is_not_enough():
    found = candidate_pairs(registry([[1, 2, 3], [1, 2, 4], [1, 5, 6], [7]]))
    assert pairs(found) == {(0, 1)}


def test_a_person_with_a_single_name_key_meets_others_with_only_that_key():
    assert pairs(candidate_pairs(registry([[7], [7], [7, 8]]))) == {(0, 1)}


def test_a_very_common_name_is_split_by_year_then_by_day_and_month():
    keys = [[1, 2]] * 6
    years = [1990, 1990, 1990, 1985, 1985, 2001]
    dates = [(4, 3), (3, 4), (9, 9), (1, 1), (1, 1), (2, 2)]
    found = candidate_pairs(registry(keys, years, dates), max_block=2)
    # 1990: three persons, too many: split by day and month, (4 March) meets (3 April).
    assert pairs(found) == {(0, 1), (3, 4)}


def test_a_block_still_too_large_after_splitting_is_skipped():
    found = candidate_pairs(registry([[1, 2]] * 4, [1990] * 4, [(5, 5)] * 4), max_block=3)
    assert pairs(found) == set()
    assert found.stats["skipped_persons"] == 4


def test_a_block_still_too_large_is_split_by_the_other_name_keys_of_its_persons():
    # Five "Mohammad Ahmad" born the same day: two share a father's name (key 3), the rest
    # have names of their own; four share a grandfather's name (key 9), too many to compare.
    keys = [[1, 2, 3, 9], [1, 2, 3, 9], [1, 2, 4, 9], [1, 2, 5, 9], [1, 2, 6]]
    found = candidate_pairs(registry(keys, [1990] * 5, [(5, 5)] * 5), max_block=3)
    assert pairs(found) == {(0, 1)}
    # Each has a sub-block small enough (alone under their father's name counts too).
    assert found.stats["skipped_persons"] == 0


def test_persons_with_the_same_phone_are_compared_unless_the_phone_is_shared_by_many():
    phones = [5, 5, 0, 9, 9, 9, 9]
    found = candidate_pairs(registry([[i * 10] for i in range(7)], phones=phones), max_block=3)
    assert pairs(found) == {(0, 1)}


def test_pairs_are_unique_and_ordered():
    found = candidate_pairs(registry([[1, 2, 3], [1, 2, 3], [1, 2, 3]], phones=[4, 4, 4]))
    assert found.first.tolist() == [0, 0, 1]
    assert found.second.tolist() == [1, 2, 2]
    assert len(found) == 3


def test_an_empty_registry_has_no_pairs():
    assert len(candidate_pairs(registry([]))) == 0


def test_chunks_cover_every_pair_once_and_end_where_a_persons_pairs_end():
    found = candidate_pairs(registry([[1, 2]] * 6 + [[3, 4]] * 5), max_block=20)
    plan = list(chunks(found, 11, size=4))
    assert [c.start for c in plan][0] == 0 and plan[-1].stop == len(found)
    for before, after in zip(plan, plan[1:], strict=False):
        assert before.stop == after.start
        assert before.persons_done <= after.persons_done
        # every pair of a person before persons_done is in this chunk or an earlier one
        assert (found.first[before.stop :] >= before.persons_done).all()
    assert plan[-1].persons_done == 11


def test_chunks_of_no_pairs_still_report_every_person_done():
    empty = candidate_pairs(registry([[1], [2]]))
    assert [(c.start, c.stop, c.persons_done) for c in chunks(empty, 2)] == [(0, 0, 2)]


def test_a_year_mistyped_by_one_still_meets_in_a_common_names_block():
    keys = [[1, 2]] * 5
    years = [1982, 1981, 1990, 1995, 2001]
    dates = [(12, 28), (12, 28), (5, 5), (6, 6), (7, 7)]
    found = candidate_pairs(registry(keys, years, dates), max_block=2)
    assert (0, 1) in pairs(found)
    assert (2, 3) not in pairs(found)


def test_an_estimated_first_of_january_meets_every_date_of_its_year():
    keys = [[1, 2]] * 4
    years = [1990, 1990, 1990, 1990]
    dates = [(1, 1), (17, 8), (3, 4), None]
    found = candidate_pairs(registry(keys, years, dates), max_block=2)
    # The estimated date and the unknown one meet everyone; the two real dates do not meet.
    assert pairs(found) == {(0, 1), (0, 2), (0, 3), (1, 3), (2, 3)}


def test_a_crowded_household_phone_is_compared_within_by_name():
    # Seven persons on one phone (max_block 3): only those sharing a name key meet. The
    # first two share no pair of name keys (the family name spelled apart), only the phone.
    keys = [[1, 60], [1, 70], [2, 50], [3, 50], [4, 50], [5, 50], [6, 50]]
    years = [1982, 1981, 1985, 1987, 1990, 1992, 1994]
    dates = [(12, 28), (12, 31), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6)]
    found = candidate_pairs(registry(keys, years, dates, phones=[9] * 7), max_block=3)
    assert (0, 1) in pairs(found)
    assert (2, 3) not in pairs(found)
    assert pairs(found) == {(0, 1)}
    # Without the split by name the crowded phone would be skipped whole.
    assert found.stats["crowded_phone_rows"] == 7


def _dated(keys, born, district, dates) -> BlockingInput:
    base = registry(keys, [1990] * len(keys), dates)
    return BlockingInput(
        **{**base.__dict__, "born": np.array(born, np.int64), "district": np.array(district)}
    )


def test_persons_born_on_one_day_in_one_district_meet_though_every_name_was_mistyped():
    # No name key in common: only the date (ordinal 726000) and the district (3) join them.
    data = _dated([[1, 2], [3, 4], [5, 6]], [726000, 726000, 726000], [3, 3, 4], [(7, 7)] * 3)
    found = candidate_pairs(data)
    assert pairs(found) == {(0, 1)}
    assert found.stats["date_place_rows"] == 3


def test_an_estimated_first_of_january_or_an_unknown_place_does_not_block_by_date():
    data = _dated([[1, 2], [3, 4], [5, 6], [7, 8]], [726000] * 4, [3, 3, 0, 0], [(1, 1)] * 4)
    assert pairs(candidate_pairs(data)) == set()


def test_a_crowded_date_and_place_block_is_left_out():
    data = _dated([[k, k + 100] for k in range(5)], [726000] * 5, [3] * 5, [(7, 7)] * 5)
    assert pairs(candidate_pairs(data, max_block=4)) == set()
