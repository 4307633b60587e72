import numpy as np

from taawon.matching import Campaign, Floor, allocate
from taawon.matching.floor_effects import floor_effects


def everyone_fits(*, women: list[bool], refugees: list[bool], positions: list[int]) -> Campaign:
    """Every seeker a candidate of every vacancy, with distinct scores."""
    n, m = len(women), len(positions)
    es, ev = np.meshgrid(np.arange(n), np.arange(m), indexing="ij")
    return Campaign(
        seeker_ids=np.arange(100, 100 + n),
        woman=np.array(women),
        refugee=np.array(refugees),
        vacancy_ids=np.arange(1, m + 1),
        positions=np.array(positions),
        edge_seeker=es.ravel(),
        edge_vacancy=ev.ravel(),
        edge_score=(np.arange(n * m) % 97 + 1) / 1000,
    )


def test_an_infeasible_women_floor_says_how_many_positions_it_left_empty():
    # Ten job seekers, two women, one vacancy of ten: at 95% women only the two can go.
    campaign = everyone_fits(women=[True] * 2 + [False] * 8, refugees=[False] * 10, positions=[10])
    floors = [Floor("women", 0.95, "vacancy")]
    allocation = allocate(campaign, floors)
    (effect,) = floor_effects(campaign, floors, allocation)
    assert allocation.allocated == 2
    assert effect.without == 10
    assert effect.left_empty == 8
    assert effect.by_vacancy == {1: 8}
    assert effect.share_of_positions == 0.8


def test_a_floor_that_costs_nothing_left_nothing_empty():
    campaign = everyone_fits(women=[True, False] * 3, refugees=[True, False] * 3, positions=[2, 2])
    floors = [Floor("women", 0.5, "vacancy")]
    allocation = allocate(campaign, floors)
    (effect,) = floor_effects(campaign, floors, allocation)
    assert (effect.left_empty, effect.by_vacancy) == (0, {})


def test_each_of_two_floors_is_measured_against_the_allocation_without_it():
    # Twelve job seekers for twelve positions: four women, three refugees (none a woman).
    women = [True] * 4 + [False] * 8
    refugees = [False] * 4 + [True] * 3 + [False] * 5
    campaign = everyone_fits(women=women, refugees=refugees, positions=[6, 6])
    women_floor = Floor("women", 0.5, "vacancy")
    refugee_floor = Floor("refugees", 0.5, "campaign")
    allocation = allocate(campaign, [women_floor, refugee_floor])
    effects = floor_effects(campaign, [women_floor, refugee_floor], allocation)
    by_floor = {e.floor: e for e in effects}

    only_refugees = allocate(campaign, [refugee_floor])
    only_women = allocate(campaign, [women_floor])
    assert by_floor[women_floor].without == only_refugees.allocated
    assert by_floor[refugee_floor].without == only_women.allocated
    assert by_floor[women_floor].left_empty == only_refugees.allocated - allocation.allocated
    assert by_floor[refugee_floor].left_empty == only_women.allocated - allocation.allocated
    # At 50% women per vacancy the four women support eight places; 50% refugees over the
    # campaign, six: both floors bind.
    assert only_women.allocated == 8
    assert only_refugees.allocated == 6
    assert allocation.allocated == 6
    assert by_floor[women_floor].left_empty == 0
    assert by_floor[refugee_floor].left_empty == 2
