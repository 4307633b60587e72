import dataclasses
import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taawon.lib.pair_scoring import PairScorer, points_of
from taawon.lib.person_match import PersonRecord, compare


def person(**fields) -> PersonRecord:
    return PersonRecord(id=None, **fields)


def compare_points(a: PersonRecord, b: PersonRecord, key_share=None) -> float:
    return sum(r.points for r in compare(a, b, key_share=key_share).reasons)


_GIVEN = ["محمد", "Mohammad", "Mohamed", "أحمد", "Ahmad", "فاطمة", "Fatima", "Rawan", "روان", ""]
_FAMILY = ["الزعبي", "Al-Zoubi", "Zoubi", "الخليل", "El-Khalil", "Derwich", "Abu Khalil", ""]
_FATHER = ["محمود", "Mahmoud", "Mahmud", "علي", "Ali", "خالد", "Khaled", "Abd al-Rahman", ""]
_SHARE = {"mhmd": 0.3, "ahmd": 0.2, "zbi": 0.08, "xll": 0.001}
_YEARS = [1980, 1981, 1982, 1985, 1989, 1998, 2008]
_PHONES = ["+962791234567", "+962791234576", "+962791234568", "+96279123456", "12345", ""]


@st.composite
def _records(draw) -> PersonRecord:
    year = draw(st.sampled_from(_YEARS))
    dated = draw(st.booleans())
    return person(
        given_ar=draw(st.sampled_from(_GIVEN)),
        given_en=draw(st.sampled_from(_GIVEN)),
        father_ar=draw(st.sampled_from(_FATHER)),
        father_en=draw(st.sampled_from(_FATHER)),
        grandfather_en=draw(st.sampled_from(_FATHER)),
        family_ar=draw(st.sampled_from(_FAMILY)),
        family_en=draw(st.sampled_from(_FAMILY)),
        sex=draw(st.sampled_from(["male", "female", ""])),
        birth_date=datetime.date(year, draw(st.integers(1, 12)), draw(st.integers(1, 12)))
        if dated
        else None,
        birth_year=draw(st.sampled_from([year, None])),
        district=draw(st.sampled_from(["JO2101", "JO2102", ""])),
        governorate=draw(st.sampled_from(["JO21", ""])),
        phone=draw(st.sampled_from(_PHONES)),
    )


@settings(max_examples=600, deadline=None)
@given(a=_records(), b=_records(), registry_shares=st.booleans())
def test_the_arrays_give_a_pair_the_points_compare_gives_it(a, b, registry_shares):
    key_share = _SHARE if registry_shares else None

    assert points_of(a, b, key_share) == pytest.approx(compare_points(a, b, key_share), abs=1e-9)


@pytest.mark.parametrize(
    "a, b",
    [
        # A household: same family and father, another given name, one phone.
        (
            person(given_en="Ali", father_en="Khaled", family_en="Zoubi", phone="+962791234567"),
            person(given_en="Omar", father_en="Khaled", family_en="Zoubi", phone="+962791234567"),
        ),
        # Given and family names written the other way round.
        (
            person(given_en="Rawan", family_en="Derwich", birth_year=1990),
            person(given_ar="درويش", family_ar="روان", birth_year=1990),
        ),
        # Day and month swapped; the year mistyped on the same day and month.
        (
            person(given_en="Rawan", birth_date=datetime.date(1990, 3, 7)),
            person(given_en="Rawan", birth_date=datetime.date(1990, 7, 3)),
        ),
        (
            person(given_en="Rawan", birth_date=datetime.date(1989, 3, 7)),
            person(given_en="Rawan", birth_date=datetime.date(1998, 3, 7)),
        ),
        # Neighbouring phone digits swapped.
        (
            person(given_en="Rawan", phone="+962791234567"),
            person(given_en="Rawan", phone="+962791234576"),
        ),
    ],
)
def test_the_arrays_follow_compare_rule_by_rule(a, b):
    assert points_of(a, b) == pytest.approx(compare_points(a, b), abs=1e-9)


def test_many_pairs_are_scored_at_once_each_spelling_pair_worked_out_once():
    records = [
        person(given_en=g, family_ar=f, birth_year=1980 + k % 3)
        for k, (g, f) in enumerate(
            [("Mohammad", "الزعبي"), ("Mohamed", "الزعبي"), ("Ahmad", "الخليل")] * 4
        )
    ]
    scorer = PairScorer.from_records(records, None)
    first, second = np.triu_indices(len(records), 1)

    points = scorer.points(first, second)

    expected = [compare_points(records[i], records[j]) for i, j in zip(first, second, strict=True)]
    assert points == pytest.approx(expected, abs=1e-9)
    # Three given and two family spellings (and the unwritten one): few pairs to work out.
    assert len(scorer.names) == 6
    assert len(scorer.names._known) <= 6 * 6


@settings(max_examples=300, deadline=None)
@given(a=_records(), b=_records(), registry_shares=st.booleans())
def test_the_arrays_bound_what_a_number_one_digit_off_adds(a, b, registry_shares):
    key_share = _SHARE if registry_shares else None
    # Numbers of one kind one digit apart: both hold the same near form's index.
    near = {
        "identifiers": frozenset({"national_id:x"}),
        "near_identifiers": frozenset({"national_id:n"}),
    }
    a = dataclasses.replace(a, **near)
    b = dataclasses.replace(
        b, identifiers=frozenset({"national_id:y"}), near_identifiers=a.near_identifiers
    )
    scorer = PairScorer.from_records([a, b], key_share)
    bound = scorer.points(np.array([0]), np.array([1])) + scorer.near_identifier_most(
        np.array([0]), np.array([1])
    )
    assert compare_points(a, b, key_share) <= float(bound[0]) + 1e-9
