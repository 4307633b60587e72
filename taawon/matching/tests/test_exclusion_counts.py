import datetime as dt

import numpy as np

from taawon.matching import ExclusionCode, Facility, encode, exclusions, recommend_vacancies
from taawon.matching.exclusion_counts import ORDER, exclusion_counts

from .factories import north_of_amman, seeker, vacancy


def test_it_counts_each_constraint_that_leaves_vacancies_out():
    s = seeker(
        max_travel_km=30,
        permit_sectors=frozenset({"agriculture"}),
        needs=frozenset({Facility.CHILDCARE}),
        available_until=dt.date(2026, 8, 1),
    )
    care = frozenset({Facility.CHILDCARE})
    far = [vacancy(facilities=care, latitude=north_of_amman(50 + i)[0]) for i in range(7)]
    retail = [vacancy(facilities=care, sector="retail") for _ in range(3)]
    no_care = [vacancy() for _ in range(2)]
    later = [vacancy(facilities=care, start=dt.date(2026, 9, 1))]
    full = [vacancy(facilities=care, positions=0)]
    fitting = [vacancy(facilities=care, latitude=north_of_amman(10)[0])]
    instance = encode([s], far + retail + no_care + later + full + fitting)

    counts = exclusion_counts(instance.seekers, 0, instance.vacancies)

    assert counts.total == 15
    assert counts.fitting == 1
    assert counts.excluded == 14
    assert counts.by_constraint == {
        ExclusionCode.NO_POSITIONS: 1,
        ExclusionCode.PERMIT: 3,
        ExclusionCode.CONDITIONS: 2,
        ExclusionCode.DATES: 1,
        ExclusionCode.DISTANCE: 7,
    }
    assert list(counts.by_constraint) == [c for c in ORDER if c in counts.by_constraint]


def test_a_vacancy_breaking_two_constraints_counts_once_under_the_first():
    s = seeker(max_travel_km=30, permit_sectors=frozenset({"agriculture"}))
    far_retail = vacancy(sector="retail", latitude=north_of_amman(80)[0])
    instance = encode([s], [far_retail])
    counts = exclusion_counts(instance.seekers, 0, instance.vacancies)
    assert counts.by_constraint == {ExclusionCode.PERMIT: 1}
    assert codes_of(s, far_retail) == {ExclusionCode.PERMIT, ExclusionCode.DISTANCE}


def codes_of(s, v) -> set[str]:
    return {e.code for e in exclusions(s, v)}


def test_the_counts_agree_with_the_recommender_and_the_reference():
    rng = np.random.default_rng(5)
    s = seeker(
        max_travel_km=40,
        permit_sectors=frozenset({"agriculture", "construction"}),
        needs=frozenset({Facility.TRANSPORT}),
        available_from=dt.date(2026, 5, 1),
        available_until=dt.date(2026, 7, 1),
    )
    vacancies = [
        vacancy(
            latitude=north_of_amman(float(rng.uniform(0, 80)))[0],
            sector=str(rng.choice(["agriculture", "construction", "retail"])),
            facilities=frozenset({Facility.TRANSPORT}) if rng.random() < 0.7 else frozenset(),
            positions=int(rng.integers(0, 3)),
            start=dt.date(2026, int(rng.integers(3, 10)), 1),
        )
        for _ in range(200)
    ]
    instance = encode([s], vacancies)
    counts = exclusion_counts(instance.seekers, 0, instance.vacancies)
    reference_fit = sum(1 for v in vacancies if not exclusions(s, v))
    top = recommend_vacancies(instance, k=200)
    assert counts.fitting == reference_fit == int(top.found[0])
    assert sum(counts.by_constraint.values()) == 200 - reference_fit
    # Each vacancy sits under the first code of ORDER that the reference names for it.
    expected: dict[str, int] = {}
    for v in vacancies:
        found = codes_of(s, v)
        first = next((c for c in ORDER if c in found), None)
        if first is not None:
            expected[first] = expected.get(first, 0) + 1
    assert counts.by_constraint == expected


def test_an_empty_table_counts_nothing():
    instance = encode([seeker()], [])
    counts = exclusion_counts(instance.seekers, 0, instance.vacancies)
    assert (counts.total, counts.fitting, counts.by_constraint) == (0, 0, {})
