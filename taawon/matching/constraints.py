"""Hard constraints: the reasons a job seeker and a vacancy cannot be matched at all.

A pair is excluded when the seeker is already placed, is younger than the vacancy's minimum
age (the country's minimum working age, or 18 for hazardous work: the employment app sets it),
the vacancy has no open position, their dates do not overlap, the seeker's permit does not
cover the vacancy's sector, the vacancy is farther than the seeker will travel, or the vacancy
lacks a facility the seeker needs. Nothing
here reads the seeker's sex or nationality (ILO Convention 111); a permit is checked through the
sectors it covers. `exclusions` is the plain reference with readable reasons; the vectorised
versions below are what the recommenders and the allocator run.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .geo import haversine_km_scalar
from .model import Seeker, Vacancy
from .tables import NO_AGE, SeekerTable, VacancyTable


class ExclusionCode(enum.StrEnum):
    PLACED = "placed"
    NO_POSITIONS = "no_positions"
    DATES = "dates"
    PERMIT = "permit"
    DISTANCE = "distance"
    CONDITIONS = "conditions"
    AGE = "age"


@dataclass(frozen=True)
class Exclusion:
    code: ExclusionCode
    message: str


def _overlap(
    a0: dt.date | None, a1: dt.date | None, b0: dt.date | None, b1: dt.date | None
) -> bool:
    return (a0 is None or b1 is None or a0 <= b1) and (b0 is None or a1 is None or b0 <= a1)


def exclusions(seeker: Seeker, vacancy: Vacancy) -> tuple[Exclusion, ...]:
    """Every hard constraint the pair breaks; empty when they can be matched."""
    found = []
    if seeker.placed:
        found.append(Exclusion(ExclusionCode.PLACED, "the job seeker is already placed"))
    if seeker.age is not None and seeker.age < vacancy.minimum_age:
        found.append(
            Exclusion(
                ExclusionCode.AGE,
                f"the job seeker is {seeker.age}; the vacancy takes no one under "
                f"{vacancy.minimum_age}",
            )
        )
    if vacancy.positions <= 0:
        found.append(Exclusion(ExclusionCode.NO_POSITIONS, "the vacancy has no open position"))
    if not _overlap(seeker.available_from, seeker.available_until, vacancy.start, vacancy.end):
        found.append(
            Exclusion(ExclusionCode.DATES, "the job seeker is not available when the work runs")
        )
    if seeker.permit_sectors is not None and vacancy.sector not in seeker.permit_sectors:
        found.append(
            Exclusion(
                ExclusionCode.PERMIT,
                f"the job seeker's permit does not cover the {vacancy.sector} sector",
            )
        )
    km = haversine_km_scalar(seeker.latitude, seeker.longitude, vacancy.latitude, vacancy.longitude)
    if km > seeker.max_travel_km:
        found.append(
            Exclusion(
                ExclusionCode.DISTANCE,
                f"{km:.1f} km away; the job seeker travels at most {seeker.max_travel_km:g} km",
            )
        )
    missing = sorted(seeker.needs - vacancy.facilities)
    if missing:
        found.append(
            Exclusion(
                ExclusionCode.CONDITIONS,
                "the vacancy does not offer what the job seeker needs: " + ", ".join(missing),
            )
        )
    return tuple(found)


def open_columns(
    vacancies: VacancyTable, permit_mask: np.uint64, needs_mask: np.uint8, age: int = NO_AGE
) -> NDArray[np.intp]:
    """Vacancies that pass the constraints fixed by a seeker's permit, needs and age, in index
    order."""
    ok = (
        (vacancies.positions > 0)
        & (vacancies.minimum_age <= age)
        & ((vacancies.sector_bit & permit_mask) != 0)
        & ((vacancies.facilities_mask & needs_mask) == needs_mask)
    )
    return np.flatnonzero(ok)


def categorical_ok(
    seekers: SeekerTable, rows: NDArray[np.intp], vacancies: VacancyTable, cols: NDArray[np.intp]
) -> NDArray[np.bool_]:
    """Pairwise (rows[i], cols[i]): placed, age, positions, permit and needs."""
    needs = seekers.needs_mask[rows]
    return (
        ~seekers.placed[rows]
        & (seekers.age[rows] >= vacancies.minimum_age[cols])
        & (vacancies.positions[cols] > 0)
        & ((vacancies.sector_bit[cols] & seekers.permit_mask[rows]) != 0)
        & ((vacancies.facilities_mask[cols] & needs) == needs)
    )


def categorical_block(
    seekers: SeekerTable, rows: NDArray[np.intp], vacancies: VacancyTable, cols: NDArray[np.intp]
) -> NDArray[np.bool_]:
    """The same constraints as `categorical_ok`, for every (row, col) of a dense block."""
    needs = seekers.needs_mask[rows][:, None]
    ok = (~seekers.placed[rows])[:, None] & (vacancies.positions[cols] > 0)[None, :]
    ok &= seekers.age[rows][:, None] >= vacancies.minimum_age[cols][None, :]
    ok &= (vacancies.sector_bit[cols][None, :] & seekers.permit_mask[rows][:, None]) != 0
    ok &= (vacancies.facilities_mask[cols][None, :] & needs) == needs
    return ok
