import dataclasses
import datetime as dt

import numpy as np

from taawon.matching import ExclusionCode, Facility, encode, exclusions, recommend_vacancies

from .factories import north_of_amman, seeker, vacancy


def codes(s, v) -> set[str]:
    return {e.code for e in exclusions(s, v)}


def test_a_seeker_needing_childcare_never_gets_a_vacancy_without_it():
    s = seeker(needs=frozenset({Facility.CHILDCARE}))
    with_care = vacancy(facilities=frozenset({Facility.CHILDCARE}), latitude=north_of_amman(20)[0])
    # The closer vacancy would score higher, but it offers no childcare.
    without = vacancy(facilities=frozenset({Facility.TRANSPORT}))
    top = recommend_vacancies(encode([s], [with_care, without]), k=5)
    assert top.ids[0].tolist() == [with_care.id, -1, -1, -1, -1]
    assert codes(s, without) == {ExclusionCode.CONDITIONS}


def test_each_hard_constraint_names_its_reason():
    far = vacancy(latitude=north_of_amman(50)[0])
    assert codes(seeker(max_travel_km=30), far) == {ExclusionCode.DISTANCE}
    assert codes(seeker(placed=True), vacancy()) == {ExclusionCode.PLACED}
    assert codes(seeker(), vacancy(positions=0)) == {ExclusionCode.NO_POSITIONS}
    assert codes(seeker(permit_sectors=frozenset({"agriculture"})), vacancy(sector="retail")) == {
        ExclusionCode.PERMIT
    }
    later = vacancy(start=dt.date(2026, 9, 1), end=dt.date(2026, 10, 1))
    assert codes(seeker(available_until=dt.date(2026, 8, 1)), later) == {ExclusionCode.DATES}
    assert exclusions(seeker(), vacancy()) == ()


def test_sex_and_nationality_never_exclude_anyone():
    rng = np.random.default_rng(11)
    seekers = [
        seeker(
            sex=str(rng.choice(["F", "M"])),
            refugee=bool(rng.random() < 0.5),
            latitude=north_of_amman(float(rng.uniform(0, 20)))[0],
        )
        for _ in range(40)
    ]
    vacancies = [vacancy(latitude=north_of_amman(float(rng.uniform(0, 20)))[0]) for _ in range(15)]
    flipped = [
        dataclasses.replace(s, sex="M" if s.sex == "F" else "F", refugee=not s.refugee)
        for s in seekers
    ]
    before = recommend_vacancies(encode(seekers, vacancies), k=15)
    after = recommend_vacancies(encode(flipped, vacancies), k=15)
    np.testing.assert_array_equal(before.ids, after.ids)
    np.testing.assert_array_equal(before.scores, after.scores)
    assert not any(e for s in seekers for v in vacancies for e in exclusions(s, v))
