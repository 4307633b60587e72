import dataclasses

import numpy as np
import pytest

from taawon.matching import (
    OccupationMatch,
    Weights,
    encode,
    recommend_seekers,
    recommend_vacancies,
    synthetic,
)
from taawon.matching.recommend import NO_ID
from taawon.matching.scoring import pair_terms, prepare
from taawon.matching.tables import Instance

from .factories import north_of_amman, seeker, vacancy


def test_the_closest_occupation_comes_first():
    s = seeker(isco="9211")
    same_unit, same_minor = vacancy(isco="9211"), vacancy(isco="9213")
    same_sub_major, other = vacancy(isco="9262"), vacancy(isco="7112")
    top = recommend_vacancies(encode([s], [other, same_sub_major, same_minor, same_unit]), k=4)
    assert top.ids[0].tolist() == [same_unit.id, same_minor.id, same_sub_major.id, other.id]
    matches = [r.occupation_match for r in top.recommendations(0)]
    assert matches == [
        OccupationMatch.UNIT,
        OccupationMatch.MINOR,
        OccupationMatch.SUB_MAJOR,
        OccupationMatch.NONE,
    ]


def test_equal_scores_are_ordered_by_the_smaller_id():
    s = seeker()
    twins = [vacancy(id=300), vacancy(id=100), vacancy(id=200)]
    for method in ("fast", "exhaustive"):
        top = recommend_vacancies(encode([s], twins), k=3, method=method)
        assert top.ids[0].tolist() == [100, 200, 300]


def test_a_vacancy_gets_its_best_candidates_nearest_first():
    v = vacancy()
    near, mid, far = (seeker(latitude=north_of_amman(km)[0]) for km in (2, 8, 16))
    top = recommend_seekers(encode([far, near, mid], [v]), k=2)
    assert top.ids[0].tolist() == [near.id, mid.id]
    first = top.recommendations(0)[0]
    assert (first.seeker_id, first.vacancy_id, first.rank) == (near.id, v.id, 1)


def test_fewer_feasible_vacancies_than_k_leaves_the_rest_empty():
    placed = seeker(placed=True)
    top = recommend_vacancies(encode([seeker(), placed], [vacancy(), vacancy()]), k=3)
    assert top.found.tolist() == [2, 0]
    assert top.ids[1].tolist() == [NO_ID] * 3
    assert top.recommendations(1) == []


def test_each_recommendation_carries_its_components():
    instance = synthetic.instance(300, 120, seed=5)
    top = recommend_vacancies(instance, k=5)
    for rec in top.recommendations(int(np.argmax(top.found))):
        assert sum(c.points for c in rec.components) == pytest.approx(rec.score, abs=1e-12)
        assert rec.distance_km >= 0
    found = top.ids != NO_ID
    rows, ranks = np.nonzero(found)
    cols = np.searchsorted(np.sort(instance.vacancies.ids), top.ids[rows, ranks])
    cols = np.argsort(instance.vacancies.ids)[cols]
    terms = pair_terms(prepare(instance, Weights()), rows, cols)
    # Bit-for-bit: the reported score is the pair scorer's own.
    np.testing.assert_array_equal(terms.score, top.scores[rows, ranks])


def _with_ties(instance: Instance) -> Instance:
    # Seekers and vacancies on a coarse grid of centroids, so equal scores are common.
    s, v = instance.seekers, instance.vacancies
    return Instance(
        dataclasses.replace(
            s, latitude=np.round(s.latitude, 1), longitude=np.round(s.longitude, 1)
        ),
        dataclasses.replace(
            v, latitude=np.round(v.latitude, 1), longitude=np.round(v.longitude, 1)
        ),
        instance.sectors,
        instance.skills,
    )


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("ties", [False, True])
def test_the_fast_path_returns_exactly_the_exhaustive_top_k(seed, ties):
    instance = synthetic.instance(800, 400, seed=seed)
    if ties:
        instance = _with_ties(instance)
    fast = recommend_vacancies(instance, k=10, workers=2)
    exhaustive = recommend_vacancies(instance, k=10, method="exhaustive")
    np.testing.assert_array_equal(fast.ids, exhaustive.ids)
    np.testing.assert_array_equal(fast.scores, exhaustive.scores)
    assert fast.found.sum() > 0


@pytest.mark.parametrize(
    "weights",
    [
        Weights(occupation=0.0),
        Weights(occupation=0.9, skills=0.05, distance=0.05),
        Weights(wage=0.6),
    ],
)
def test_the_fast_path_is_exact_whatever_the_weights(weights):
    instance = _with_ties(synthetic.instance(500, 300, seed=9))
    fast = recommend_vacancies(instance, k=7, weights=weights)
    exhaustive = recommend_vacancies(instance, k=7, weights=weights, method="exhaustive")
    np.testing.assert_array_equal(fast.ids, exhaustive.ids)


@pytest.mark.parametrize("seed", [0, 1])
def test_the_fast_candidate_search_matches_the_exhaustive_one(seed):
    instance = _with_ties(synthetic.instance(900, 150, seed=seed))
    fast = recommend_seekers(instance, k=10)
    exhaustive = recommend_seekers(instance, k=10, method="exhaustive")
    np.testing.assert_array_equal(fast.ids, exhaustive.ids)
    np.testing.assert_array_equal(fast.scores, exhaustive.scores)


def test_a_subset_of_seekers_gets_the_same_answer_as_in_the_full_run():
    instance = synthetic.instance(600, 200, seed=4)
    full = recommend_vacancies(instance, k=5)
    some = np.array([5, 17, 250, 599])
    part = recommend_vacancies(instance, k=5, seekers=some)
    np.testing.assert_array_equal(part.ids, full.ids[some])
    np.testing.assert_array_equal(part.query_ids, instance.seekers.ids[some])


@pytest.mark.parametrize("direction", ["vacancies", "seekers"])
def test_the_fast_path_stays_exact_when_blocks_and_chunks_are_small(monkeypatch, direction):
    # Small blocks and chunks take every branch of the search: several blocks per occupation,
    # several chunks per tier, queries left out of a chunk, and the distance cut tightening as
    # the k-th best scores rise between chunks.
    from taawon.matching import recommend

    monkeypatch.setattr(recommend, "_BLOCK_ROWS", 16)
    monkeypatch.setattr(recommend, "_BLOCK_CELLS", 256)
    instance = _with_ties(synthetic.instance(1500, 300, seed=7))
    run = recommend_vacancies if direction == "vacancies" else recommend_seekers
    fast = run(instance, k=10)
    exhaustive = run(instance, k=10, method="exhaustive")
    np.testing.assert_array_equal(fast.ids, exhaustive.ids)
    np.testing.assert_array_equal(fast.scores, exhaustive.scores)
