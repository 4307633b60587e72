"""The age constraint: a seeker younger than a vacancy's minimum age is never a candidate,
in the reference, the recommenders both ways, the exclusion counts and the allocation."""

import numpy as np

from taawon.matching import (
    Campaign,
    ExclusionCode,
    Floor,
    Group,
    Scope,
    allocate,
    encode,
    exclusions,
    recommend_seekers,
    recommend_vacancies,
)
from taawon.matching.exclusion_counts import exclusion_counts
from taawon.matching.recommend import NO_ID

from .factories import seeker, vacancy


def test_a_seeker_younger_than_the_minimum_age_is_excluded_with_the_reason():
    assert {e.code for e in exclusions(seeker(age=16), vacancy(minimum_age=18))} == {
        ExclusionCode.AGE
    }
    assert exclusions(seeker(age=18), vacancy(minimum_age=18)) == ()
    assert exclusions(seeker(), vacancy(minimum_age=18)) == ()  # no age: no limit applies


def test_the_recommenders_leave_out_pairs_below_the_minimum_age_both_ways():
    girl, adult = seeker(age=16, sex="F"), seeker(age=30, sex="M")
    spraying, picking = vacancy(minimum_age=18), vacancy(minimum_age=16)
    instance = encode([girl, adult], [spraying, picking])

    for_girl = recommend_vacancies(instance, k=2).ids[0].tolist()
    for_spraying = recommend_seekers(instance, k=2, vacancies=np.array([0])).ids[0].tolist()

    assert for_girl == [picking.id, NO_ID]
    assert for_spraying == [adult.id, NO_ID]
    counts = exclusion_counts(instance.seekers, 0, instance.vacancies)
    assert counts.by_constraint == {ExclusionCode.AGE: 1}


def test_edges_built_from_the_recommendations_never_reach_the_allocation_with_a_floor():
    """A 100% women floor in each vacancy would take the girl for the hazardous vacancy; the
    allocation gets no such edge, so the position stays empty."""
    girl, man = seeker(age=16, sex="F"), seeker(age=30, sex="M")
    spraying = vacancy(minimum_age=18)
    instance = encode([girl, man], [spraying])
    top = recommend_vacancies(instance, k=1)
    rows, ranks = np.nonzero(top.ids != NO_ID)
    problem = Campaign(
        seeker_ids=instance.seekers.ids,
        woman=instance.seekers.woman,
        refugee=instance.seekers.refugee,
        vacancy_ids=instance.vacancies.ids,
        positions=instance.vacancies.positions,
        edge_seeker=rows.astype(np.intp),
        edge_vacancy=np.zeros(len(rows), dtype=np.intp),
        edge_score=top.scores[rows, ranks],
    )

    result = allocate(problem, [Floor(Group.WOMEN, 1.0, Scope.VACANCY)])

    assert girl.id not in result.seeker_ids.tolist()
    assert rows.tolist() == [1]  # only the man was ever a candidate
