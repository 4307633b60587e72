"""What each floor costs in positions: how many a floor left empty that could be filled without it.

A floor is met by leaving positions empty when its group has too few candidates (see
`allocate`); a report that says only "short" leaves the programme guessing how many. For each
floor this compares the allocation with every floor against the allocation with the same
floors less that one: the difference in people placed is the positions left empty because of
it, in total and per vacancy. With a single floor the comparison is with the allocation
without floors, which `allocate` has already made once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from .allocate import Allocation, Campaign, Floor, FloorStatus, allocate, check_floors


@dataclass(frozen=True)
class FloorEffect:
    floor: Floor
    left_empty: int
    """Positions filled by the allocation without this floor (the others kept) and left empty
    with it; never negative."""
    without: int
    """People placed without this floor."""
    positions: int
    by_vacancy: dict[int, int] = field(default_factory=dict)
    """Vacancy id -> positions left empty there because of the floor (only those above 0). A
    floor may also move people to other vacancies, so these can add up to more than
    `left_empty`."""

    @property
    def share_of_positions(self) -> float:
        return self.left_empty / self.positions if self.positions else 0.0


def _per_vacancy(campaign: Campaign, allocation: Allocation) -> np.ndarray:
    return np.bincount(allocation.vacancy_rows, minlength=len(campaign.vacancy_ids))


def floor_effects(
    campaign: Campaign,
    floors: tuple[Floor, ...] | list[Floor],
    allocation: Allocation,
    *,
    method: Literal["auto", "flow", "lp", "milp"] = "auto",
    time_limit: float = 60.0,
) -> tuple[FloorEffect, ...]:
    """One effect per floor of `floors`, `allocation` being the allocation under all of them."""
    floors = check_floors(floors)
    with_all = _per_vacancy(campaign, allocation)
    if all(r.status is FloorStatus.MET for r in allocation.floor_reports):
        # The allocation without floors met them all: it is this one, nothing was left empty.
        return tuple(FloorEffect(f, 0, allocation.allocated, allocation.positions) for f in floors)
    effects = []
    for f in floors:
        others = tuple(g for g in floors if g != f)
        without = allocate(campaign, others, method=method, time_limit=time_limit)
        counts = _per_vacancy(campaign, without)
        lost = counts - with_all
        effects.append(
            FloorEffect(
                floor=f,
                left_empty=max(0, without.allocated - allocation.allocated),
                without=without.allocated,
                positions=allocation.positions,
                by_vacancy={
                    int(campaign.vacancy_ids[v]): int(lost[v]) for v in np.flatnonzero(lost > 0)
                },
            )
        )
    return tuple(effects)
