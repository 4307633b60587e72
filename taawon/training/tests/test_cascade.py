"""The cascade's arithmetic on hand-built trees, without a database."""

from taawon.training.cascade import build_graph, reach


def test_generations_of_a_trainer_count_each_person_once():
    # 1 trained 2 and 3; 2 trained 4 and 5; 3 trained 5 again (trained twice) and 6;
    # 4 trained 7; 7 trained 8 (a fourth generation, not counted).
    graph = build_graph([(1, 2), (1, 3), (2, 4), (2, 5), (3, 5), (3, 6), (4, 7), (7, 8)])
    result = reach(graph, [1])
    assert result.generation(1) == {2, 3}
    assert result.generation(2) == {4, 5, 6}
    assert result.generation(3) == {7}
    assert result.people == {2, 3, 4, 5, 6, 7}
    # In the tree, 5 hangs under the first trainer who reached them, once.
    under = {node.person_id: [c.person_id for c in node.children] for node in result.tree}
    assert under == {2: [4, 5], 3: [6]}


def test_a_cycle_is_allowed_and_counts_nobody_twice():
    # 1 trained 2; 2 led a refresher for 1 (their own trainer) and trained 3; 3 trained 2.
    graph = build_graph([(1, 2), (2, 1), (2, 3), (3, 2)])
    result = reach(graph, [1])
    assert result.generation(1) == {2}
    assert result.generation(2) == {3}
    assert result.generation(3) == set()
    assert 1 not in result.people


def test_a_training_of_trainers_starts_from_the_trainers_it_certified():
    graph = build_graph([(10, 2), (10, 3), (2, 4), (3, 4), (4, 5), (5, 6)])
    result = reach(graph, [10], first_generation=[2, 3])
    assert result.generation(1) == {2, 3}
    assert result.generation(2) == {4}
    assert result.generation(3) == {5}
    assert len(result.people) == 4


def test_nobody_trains_themself():
    assert build_graph([(1, 1), (1, 2)]) == {1: {2}}
