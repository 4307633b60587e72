import itertools

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from taawon.matching import (
    Campaign,
    Floor,
    FloorStatus,
    InvalidFloors,
    allocate,
    allocate_greedy,
    synthetic,
)
from taawon.matching.allocate import floor_reports


def random_campaign(rng: np.random.Generator, n: int, m: int, density: float = 0.5) -> Campaign:
    pairs = [(s, v) for s in range(n) for v in range(m) if rng.random() < density]
    es, ev = (np.array(x, dtype=np.intp) for x in zip(*pairs, strict=True))
    return Campaign(
        seeker_ids=np.arange(100, 100 + n),
        woman=rng.random(n) < 0.4,
        refugee=rng.random(n) < 0.4,
        vacancy_ids=np.arange(1, m + 1),
        positions=rng.integers(1, 4, m),
        edge_seeker=es,
        edge_vacancy=ev,
        # Multiples of 1/1000, which the flow's integer costs represent exactly.
        edge_score=rng.integers(1, 1000, len(es)) / 1000,
    )


def assignment_optimum(c: Campaign) -> float:
    """One column per position plus one 'unplaced' column per seeker; forbidden pairs cost 1e6."""
    columns = np.repeat(np.arange(len(c.positions)), c.positions)
    value = np.full((len(c.seeker_ids), len(columns) + len(c.seeker_ids)), -1e6)
    value[:, len(columns) :] = 0.0
    for s, v, score in zip(c.edge_seeker, c.edge_vacancy, c.edge_score, strict=True):
        value[s, : len(columns)][columns == v] = score
    rows, cols = linear_sum_assignment(value, maximize=True)
    return float(value[rows, cols].sum())


def brute_force_optimum(c: Campaign, floors: list[Floor]) -> float:
    best = 0.0
    options = [
        [None] + [e for e in range(len(c.edge_score)) if c.edge_seeker[e] == s]
        for s in range(len(c.seeker_ids))
    ]
    for pick in itertools.product(*options):
        chosen = np.zeros(len(c.edge_score), dtype=bool)
        chosen[[e for e in pick if e is not None]] = True
        counts = np.bincount(c.edge_vacancy[chosen], minlength=len(c.positions))
        if (counts > c.positions).any() or not holds(c, chosen, floors):
            continue
        best = max(best, float(c.edge_score[chosen].sum()))
    return best


def holds(c: Campaign, chosen: np.ndarray, floors: list[Floor]) -> bool:
    for f in floors:
        member = c.members(f.group)[c.edge_seeker]
        if f.scope == "campaign":
            if member[chosen].sum() < f.share * chosen.sum() - 1e-9:
                return False
        else:
            total = np.bincount(c.edge_vacancy[chosen], minlength=len(c.positions))
            inside = np.bincount(c.edge_vacancy[chosen & member], minlength=len(c.positions))
            if (inside < f.share * total - 1e-9).any():
                return False
    return True


def chosen_edges(c: Campaign, allocation) -> np.ndarray:
    chosen = np.zeros(len(c.edge_score), dtype=bool)
    lookup = {(s, v): e for e, (s, v) in enumerate(zip(c.edge_seeker, c.edge_vacancy, strict=True))}
    for s, v in zip(allocation.seeker_rows, allocation.vacancy_rows, strict=True):
        chosen[lookup[(s, v)]] = True
    return chosen


@pytest.mark.parametrize("seed", range(8))
def test_without_floors_the_allocation_matches_the_assignment_optimum(seed):
    c = random_campaign(np.random.default_rng(seed), n=14, m=5)
    result = allocate(c)
    assert result.method == "min_cost_flow" and result.optimal
    assert result.objective == pytest.approx(assignment_optimum(c), abs=1e-9)
    assert len(set(result.seeker_ids.tolist())) == result.allocated
    assert (np.bincount(result.vacancy_rows, minlength=5) <= c.positions).all()


FLOORS = [Floor("women", 0.5, "vacancy"), Floor("refugees", 0.4, "campaign")]


@pytest.mark.parametrize("seed", range(6))
def test_the_exact_solver_matches_brute_force_with_floors(seed):
    c = random_campaign(np.random.default_rng(100 + seed), n=8, m=3, density=0.45)
    result = allocate(c, FLOORS, method="milp")
    assert holds(c, chosen_edges(c, result), FLOORS)
    assert result.objective == pytest.approx(brute_force_optimum(c, FLOORS), abs=1e-9)


@pytest.mark.parametrize("method", ["flow", "lp", "milp", "auto"])
@pytest.mark.parametrize("seed", range(5))
def test_floors_hold_on_every_allocation(method, seed):
    c = random_campaign(np.random.default_rng(200 + seed), n=40, m=6, density=0.4)
    result = allocate(c, FLOORS, method=method)
    assert holds(c, chosen_edges(c, result), FLOORS)
    assert result.objective <= result.upper_bound + 1e-9
    exact = allocate(c, FLOORS, method="milp")
    assert result.objective <= exact.objective + 1e-9


def test_a_floor_short_of_eligible_members_is_explained_with_the_shortfall():
    men, women = 10, 2
    c = Campaign(
        seeker_ids=np.arange(1, men + women + 1),
        woman=np.array([False] * men + [True] * women),
        refugee=np.zeros(men + women, dtype=bool),
        vacancy_ids=np.array([7]),
        positions=np.array([10]),
        edge_seeker=np.arange(men + women),
        edge_vacancy=np.zeros(men + women, dtype=np.intp),
        edge_score=np.full(men + women, 0.5),
    )
    result = allocate(c, [Floor("women", 0.3, "vacancy")])
    # 2 women support at most 6 placed (2 >= 0.3 * 6, but 2 < 0.3 * 7).
    assert result.allocated == 6
    (report,) = result.floor_reports
    assert report.status is FloorStatus.SHORT
    assert "needs 3 women" in report.message and "only 2 eligible" in report.message
    assert (report.allocated, report.members, report.unconstrained) == (6, 2, 10)


def test_a_campaign_floor_that_changes_the_allocation_is_reported_binding():
    # Two seats; the two best candidates are host-community seekers.
    c = Campaign(
        seeker_ids=np.array([1, 2, 3, 4]),
        woman=np.array([True, False, True, False]),
        refugee=np.array([False, False, True, True]),
        vacancy_ids=np.array([9]),
        positions=np.array([2]),
        edge_seeker=np.array([0, 1, 2, 3]),
        edge_vacancy=np.zeros(4, dtype=np.intp),
        edge_score=np.array([0.9, 0.8, 0.5, 0.4]),
    )
    result = allocate(c, [Floor("refugees", 0.5)])
    assert sorted(result.seeker_ids.tolist()) == [1, 3]
    assert result.objective == pytest.approx(1.4)
    (report,) = result.floor_reports
    assert report.status is FloorStatus.BINDING


def test_an_unconstrained_optimum_that_meets_the_floors_is_kept():
    c = random_campaign(np.random.default_rng(5), n=20, m=4)
    loose = [Floor("women", 0.01, "vacancy")]
    free = allocate(c)
    with_floor = allocate(c, loose)
    if holds(c, chosen_edges(c, free), loose):
        assert with_floor.method == "min_cost_flow" and with_floor.optimal
        assert all(r.status is FloorStatus.MET for r in with_floor.floor_reports)


@pytest.mark.parametrize(
    "floors",
    [
        [Floor("women", 0.6, "vacancy"), Floor("men", 0.6, "vacancy")],
        [Floor("refugees", 0.7), Floor("host", 0.5)],
    ],
)
def test_floors_that_only_an_empty_allocation_meets_are_refused(floors):
    c = random_campaign(np.random.default_rng(1), n=10, m=3)
    with pytest.raises(InvalidFloors, match="add up to more than everyone allocated"):
        allocate(c, floors)


@pytest.mark.parametrize("share", [0.0, -0.1, 1.5])
def test_a_share_outside_zero_to_one_is_refused(share):
    with pytest.raises(InvalidFloors):
        Floor("women", share)


def test_the_greedy_baseline_meets_floors_and_never_beats_the_optimum():
    c = random_campaign(np.random.default_rng(21), n=60, m=8, density=0.3)
    greedy = allocate_greedy(c, FLOORS)
    assert holds(c, chosen_edges(c, greedy), FLOORS)
    assert greedy.objective <= allocate(c, FLOORS, method="milp").objective + 1e-9


def test_a_campaign_from_an_instance_links_each_seeker_to_its_best_vacancies():
    instance = synthetic.instance(300, 30, seed=2, positions=300)
    c = Campaign.from_instance(instance, candidates_per_seeker=3)
    assert np.bincount(c.edge_seeker, minlength=300).max() <= 3
    assert (c.edge_score > 0).all()
    result = allocate(c, [Floor("women", 0.3, "vacancy"), Floor("refugees", 0.25)])
    assert holds(
        c, chosen_edges(c, result), [Floor("women", 0.3, "vacancy"), Floor("refugees", 0.25)]
    )
    reports = floor_reports(c, chosen_edges(c, result), (Floor("refugees", 0.25),))
    assert reports[0].allocated == result.allocated


def test_the_last_resort_drops_the_weakest_non_members_until_floors_hold():
    from taawon.matching.allocate import _drop_until_floors_hold

    c = random_campaign(np.random.default_rng(8), n=30, m=3, density=0.6)
    everyone = np.ones(len(c.edge_score), dtype=bool)
    kept = _drop_until_floors_hold(c, everyone, tuple(FLOORS))
    assert holds(c, kept, FLOORS)
    member = c.woman[c.edge_seeker]
    # Refugee women count for both floors, so neither floor ever drops them.
    assert (kept | ~(member & c.refugee[c.edge_seeker])).all()


def test_a_pair_listed_twice_as_an_edge_is_refused():
    with pytest.raises(ValueError, match="edge once"):
        Campaign(
            seeker_ids=np.array([1, 2]),
            woman=np.array([True, False]),
            refugee=np.array([False, False]),
            vacancy_ids=np.array([7, 8]),
            positions=np.array([1, 1]),
            edge_seeker=np.array([0, 1, 0]),
            edge_vacancy=np.array([1, 0, 1]),
            edge_score=np.array([0.5, 0.4, 0.3]),
        )
