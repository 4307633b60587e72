"""The bulk search's name blocks in arrays give what sets and a dict of traits gave."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from taawon.people.name_blocks import NameBlocks, intersect

ids = st.lists(st.integers(min_value=1, max_value=400), max_size=60)


@given(ids, ids)
@settings(max_examples=200, deadline=None)
def test_intersect_is_the_set_intersection(a, b):
    left, right = np.unique(np.array(a, dtype=np.int64)), np.unique(np.array(b, dtype=np.int64))
    assert intersect(left, right).tolist() == sorted(set(a) & set(b))


rows = st.lists(
    st.tuples(
        st.sampled_from(["k:fatima", "k:zoubi", "k:ahmad"]),
        st.integers(min_value=1, max_value=50),
        st.sampled_from(["female", "male", ""]),
        st.one_of(st.none(), st.integers(min_value=1940, max_value=2010)),
    ),
    max_size=80,
)


@given(rows, st.sampled_from(["female", "male", ""]), st.one_of(st.none(), st.just(1980)))
@settings(max_examples=200, deadline=None)
def test_blocks_meet_and_filter_as_sets_and_traits_did(rows, sex, born):
    blocks = NameBlocks()
    holders: dict[str, set[int]] = {}
    traits: dict[int, tuple[str, int | None]] = {}
    for key, pk, person_sex, year in rows:
        # A person's sex and year are one row of the registry: the same on each key row.
        person_sex, year = traits.setdefault(pk, (person_sex, year))
        blocks.add(key, pk, person_sex, year)
        holders.setdefault(key, set()).add(pk)
    blocks.freeze()
    for key, expected in holders.items():
        assert blocks.holders(key).tolist() == sorted(expected)
    if "k:fatima" in holders and "k:zoubi" in holders:
        met = blocks.meet("k:fatima", "k:zoubi")
        assert met.tolist() == sorted(holders["k:fatima"] & holders["k:zoubi"])

        def plausible(pk: int) -> bool:
            other_sex, year = traits[pk]
            if sex and other_sex and sex != other_sex:
                return False
            return born is None or year is None or abs(born - year) <= 1

        kept = blocks.plausible(met, sex, born, 1).tolist()
        assert kept == sorted(pk for pk in met.tolist() if plausible(pk))
    assert "k:unknown" not in blocks
