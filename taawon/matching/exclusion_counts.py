"""Why no vacancy fits: how many vacancies each hard constraint leaves out for one job seeker.

A page that says only "no open vacancy fits" leaves the counsellor guessing what to change
(the travel limit, the permit, the dates...). `exclusion_counts` tells, for one job seeker row
and a table of vacancies, how many vacancies each hard constraint of `constraints` excludes.

Each excluded vacancy is counted once, under the first constraint it breaks in `ORDER`, so
that the counts add up to the vacancies left out and can be read as one sentence ("12 open
vacancies: 7 too far, 3 outside your permit's sector, 2 with no open position"). `ORDER` puts
first what the job seeker cannot change (their age, the vacancy is full, its sector or
conditions), then what they may (their dates, then how far they travel). The constraints are
those the recommenders apply, computed the same way (distance on the squared chord, as `reachable`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .constraints import ExclusionCode
from .tables import SeekerTable, VacancyTable

ORDER = (
    ExclusionCode.AGE,
    ExclusionCode.NO_POSITIONS,
    ExclusionCode.PERMIT,
    ExclusionCode.CONDITIONS,
    ExclusionCode.DATES,
    ExclusionCode.DISTANCE,
)


@dataclass(frozen=True)
class ExclusionCounts:
    total: int
    """Vacancies looked at."""
    fitting: int
    """Vacancies that break no hard constraint."""
    by_constraint: dict[ExclusionCode, int] = field(default_factory=dict)
    """Vacancies left out, each under the first constraint of ORDER it breaks; only the
    constraints that left some out, in ORDER."""

    @property
    def excluded(self) -> int:
        return self.total - self.fitting


def broken_constraints(
    seekers: SeekerTable, row: int, vacancies: VacancyTable
) -> dict[ExclusionCode, np.ndarray]:
    """For each constraint of ORDER, a boolean per vacancy: True where the vacancy breaks it
    for the job seeker of `row`. A placed job seeker breaks none here: being placed is about
    them, not about a vacancy, and the caller says so in its own words."""
    needs = np.uint8(seekers.needs_mask[row])
    difference = vacancies.xyz - seekers.xyz[row]
    chord2 = np.einsum("ij,ij->i", difference, difference)
    return {
        ExclusionCode.AGE: vacancies.minimum_age > seekers.age[row],
        ExclusionCode.NO_POSITIONS: vacancies.positions <= 0,
        ExclusionCode.PERMIT: (vacancies.sector_bit & seekers.permit_mask[row]) == 0,
        ExclusionCode.CONDITIONS: (vacancies.facilities_mask & needs) != needs,
        ExclusionCode.DATES: (seekers.available_from[row] > vacancies.end)
        | (vacancies.start > seekers.available_until[row]),
        ExclusionCode.DISTANCE: chord2 > seekers.max_chord2[row],
    }


def exclusion_counts(seekers: SeekerTable, row: int, vacancies: VacancyTable) -> ExclusionCounts:
    """How many of `vacancies` each hard constraint leaves out for the job seeker of `row`."""
    remaining = np.ones(len(vacancies), dtype=bool)
    counts: dict[ExclusionCode, int] = {}
    for code, broken in broken_constraints(seekers, row, vacancies).items():
        hit = broken & remaining
        n = int(hit.sum())
        if n:
            counts[code] = n
        remaining &= ~broken
    return ExclusionCounts(total=len(vacancies), fitting=int(remaining.sum()), by_constraint=counts)
