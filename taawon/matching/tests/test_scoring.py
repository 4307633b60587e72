import dataclasses

import numpy as np
import pytest

from taawon.matching import OccupationMatch, WagePeriod, Weights, encode, score_pair
from taawon.matching.model import COMPONENTS, occupation_match
from taawon.matching.scoring import pair_terms, prepare

from .factories import AMMAN, north_of_amman, seeker, vacancy


def test_the_isco_prefix_gives_the_occupation_level():
    assert occupation_match("9211", "9211") is OccupationMatch.UNIT
    assert occupation_match("9211", "9212") is OccupationMatch.MINOR
    assert occupation_match("9211", "9262") is OccupationMatch.SUB_MAJOR
    assert occupation_match("9211", "6111") is OccupationMatch.NONE


def test_same_unit_group_beats_minor_beats_sub_major_beats_none():
    s = seeker(isco="9211")
    scores = [score_pair(s, vacancy(isco=code)).score for code in ("9211", "9212", "9262", "6111")]
    # Everything but the occupation is equal, so the order is the occupation order.
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == 4
    # Worked by hand with the default weights: every other component is a full match, worth
    # 0.2 + 0.2 + 0.15 + 0.1 = 0.65; the occupation's 0.35 counts in full, at 0.6 (0.21), at 0.3
    # (0.105), or not at all.
    assert scores == pytest.approx([1.0, 0.86, 0.755, 0.65])


def test_a_worked_example_scores_what_a_counsellor_computes_by_hand():
    s = seeker(isco="9211", max_travel_km=30.0, expected_wage=15.0, experience_years=1.0)
    v = vacancy(
        isco="9212",  # same minor group: 0.6
        latitude=north_of_amman(5)[0],  # 5 km of 30: 25/30
        skills=frozenset({"picking", "pruning"}),  # holds 1 of 2: 0.5
        wage=12.0,  # 3 short of 15, tolerance 7.5: 1 - 3/7.5 = 0.6
        min_experience_years=4.0,  # 1 year of 4: 0.25
    )
    result = score_pair(s, v)
    values = [c.value for c in result.components]
    assert values == pytest.approx([0.6, 0.5, 25 / 30, 0.6, 0.25], abs=1e-6)
    # 0.35 * 0.6 + 0.2 * 0.5 + 0.2 * 25/30 + 0.15 * 0.6 + 0.1 * 0.25
    # = 0.21 + 0.1 + 0.1666667 + 0.09 + 0.025
    assert result.score == pytest.approx(0.5916667, abs=1e-6)


def test_scores_stay_within_zero_and_one_and_never_fall_when_a_pair_gets_better():
    rng = np.random.default_rng(11)
    codes = ["9211", "9212", "9262", "6111"]
    for _ in range(200):
        s = seeker(
            isco=str(rng.choice(codes)),
            skills=frozenset(
                rng.choice(["picking", "pruning", "packing"], size=rng.integers(0, 3))
            ),
            expected_wage=float(rng.uniform(8, 25)),
            experience_years=float(rng.uniform(0, 6)),
        )
        v = vacancy(
            isco=str(rng.choice(codes)),
            latitude=north_of_amman(float(rng.uniform(0, 29)))[0],
            skills=frozenset(
                rng.choice(["picking", "pruning", "grafting"], size=rng.integers(0, 3))
            ),
            wage=float(rng.uniform(5, 25)),
            min_experience_years=float(rng.choice([0, 1, 3])),
        )
        score = score_pair(s, v).score
        assert 0.0 <= score <= 1.0 + 1e-12
        better = [
            dataclasses.replace(v, latitude=AMMAN[0]),  # at the seeker's door
            dataclasses.replace(v, wage=v.wage + 5),
            dataclasses.replace(v, skills=frozenset()),
            dataclasses.replace(v, min_experience_years=0.0),
            dataclasses.replace(v, isco=s.isco),
        ]
        for improved in better:
            assert score_pair(s, improved).score >= score - 1e-12


def test_a_farther_vacancy_scores_lower():
    s = seeker(max_travel_km=30.0)
    near, far = vacancy(latitude=north_of_amman(5)[0]), vacancy(latitude=north_of_amman(20)[0])
    assert score_pair(s, near).score > score_pair(s, far).score
    # 5 km of a 30 km limit leaves 25/30 of the distance component.
    assert score_pair(s, near).components[2].value == pytest.approx(25 / 30, abs=1e-3)


def test_the_skills_component_is_the_share_of_the_vacancys_skills_held():
    s = seeker(skills=frozenset({"picking", "pruning"}))
    v = vacancy(skills=frozenset({"picking", "pruning", "grafting", "spraying"}))
    assert score_pair(s, v).components[1].value == 0.5
    assert score_pair(s, vacancy(skills=frozenset())).components[1].value == 1.0


def test_a_monthly_offer_is_compared_per_working_day():
    s = seeker(expected_wage=15.0)
    meets = vacancy(wage=15.0 * 26, wage_period=WagePeriod.MONTHLY)
    short = vacancy(wage=7.5)  # half the expectation: the wage component reaches 0
    assert score_pair(s, meets).components[3].value == pytest.approx(1.0)
    assert score_pair(s, short).components[3].value == pytest.approx(0.0)


def test_experience_counts_up_to_the_vacancys_minimum():
    v = vacancy(min_experience_years=4.0)
    assert score_pair(seeker(experience_years=1.0), v).components[4].value == 0.25
    assert score_pair(seeker(experience_years=9.0), v).components[4].value == 1.0


def test_the_components_add_up_to_the_score():
    result = score_pair(seeker(isco="9212"), vacancy(latitude=north_of_amman(7)[0]))
    assert sum(c.points for c in result.components) == pytest.approx(result.score)
    assert [c.name for c in result.components] == list(COMPONENTS)


def test_the_array_scorer_matches_the_plain_scorer():
    rng = np.random.default_rng(7)
    codes = ["9211", "9212", "9213", "6111", "7112", "9262"]
    skills = ["picking", "pruning", "grafting", "driving", "packing"]
    seekers = [
        seeker(
            isco=str(rng.choice(codes)),
            latitude=31.95 + rng.normal(0, 0.2),
            longitude=35.93 + rng.normal(0, 0.2),
            max_travel_km=float(rng.choice([10, 30, 60])),
            skills=frozenset(rng.choice(skills, size=rng.integers(0, 4), replace=False)),
            expected_wage=float(rng.uniform(8, 25)),
            experience_years=float(rng.uniform(0, 6)),
        )
        for _ in range(30)
    ]
    vacancies = [
        vacancy(
            isco=str(rng.choice(codes)),
            latitude=31.95 + rng.normal(0, 0.2),
            longitude=35.93 + rng.normal(0, 0.2),
            skills=frozenset(rng.choice(skills, size=rng.integers(0, 4), replace=False)),
            wage=float(rng.uniform(8, 25)),
            min_experience_years=float(rng.choice([0, 1, 3])),
        )
        for _ in range(20)
    ]
    instance = encode(seekers, vacancies)
    rows, cols = np.divmod(np.arange(600), 20)
    terms = pair_terms(prepare(instance, Weights()), rows, cols)
    for k, (i, j) in enumerate(zip(rows, cols, strict=True)):
        expected = score_pair(seekers[i], vacancies[j])
        assert terms.feasible[k] == expected.feasible
        values = [c.value for c in expected.components]
        np.testing.assert_allclose(terms.values[k], values, atol=1e-9)
        if expected.feasible:
            assert terms.score[k] == pytest.approx(expected.score, abs=1e-9)


def test_a_table_row_decodes_back_to_the_record_it_came_from():
    from taawon.matching.tables import seeker_record, vacancy_record

    s = seeker(permit_sectors=frozenset({"agriculture"}), skills=frozenset({"picking", "pruning"}))
    v = vacancy(skills=frozenset({"pruning"}))
    instance = encode([s], [v])
    assert seeker_record(instance, 0) == s
    assert vacancy_record(instance, 0) == v
