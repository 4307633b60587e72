"""The cascade of a training of trainers, as a plain calculation (no database).

Who trained whom is a directed graph: an edge from a trainer to each person who completed an
event the trainer facilitated. From a root (one trainer, or the trainers a training of
trainers certified), generation 1 is the people the root trained, generation 2 the people
those trained, generation 3 the next. A person is counted once, in the first generation that
reaches them, and never counts for the root itself: so a cycle (a refresher led by one's own
trainee) and a person trained twice add nobody twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

GENERATIONS = 3


@dataclass
class Node:
    """A person in the tree, with the people they reached first (their children)."""

    person_id: int
    generation: int
    children: list[Node] = field(default_factory=list)


@dataclass
class Reach:
    """The people each generation reached, each person once, and the tree that shows it."""

    roots: tuple[int, ...]
    generations: dict[int, set[int]]
    tree: list[Node]

    @property
    def people(self) -> set[int]:
        return set().union(*self.generations.values()) if self.generations else set()

    def generation(self, number: int) -> set[int]:
        return self.generations.get(number, set())


def build_graph(edges: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
    """{trainer: trainees} from (trainer, trainee) pairs; nobody trains themself."""
    graph: dict[int, set[int]] = {}
    for trainer, trainee in edges:
        if trainer != trainee:
            graph.setdefault(trainer, set()).add(trainee)
    return graph


def reach(
    graph: Mapping[int, Iterable[int]],
    roots: Iterable[int],
    *,
    first_generation: Iterable[int] | None = None,
    depth: int = GENERATIONS,
) -> Reach:
    """Breadth first from `roots`, `depth` generations deep.

    `first_generation`: the people of generation 1 when it is not the roots' trainees (a
    training of trainers: its own certified participants, whose trainees are generation 2).
    """
    roots = tuple(dict.fromkeys(roots))
    seen: set[int] = set(roots)
    nodes: dict[int, Node] = {}
    tree: list[Node] = []
    generations: dict[int, set[int]] = {}
    if first_generation is None:
        frontier = [(person, None) for root in roots for person in sorted(graph.get(root, ()))]
    else:
        frontier = [(person, None) for person in sorted(set(first_generation))]
    for number in range(1, depth + 1):
        reached: set[int] = set()
        following: list[tuple[int, int | None]] = []
        for person, parent in frontier:
            if person in seen:
                continue
            seen.add(person)
            reached.add(person)
            node = Node(person_id=person, generation=number)
            nodes[person] = node
            (nodes[parent].children if parent is not None else tree).append(node)
            following.extend((trainee, person) for trainee in sorted(graph.get(person, ())))
        if reached:
            generations[number] = reached
        frontier = following
    return Reach(roots=roots, generations=generations, tree=tree)
