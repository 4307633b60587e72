"""Job seekers and vacancies as columns of numpy arrays, the form the scorers work on.

`encode` turns lists of `Seeker` and `Vacancy` into an `Instance`; the employment app or a
benchmark can also build `SeekerTable` and `VacancyTable` straight from arrays. Categorical
fields become bit masks: a seeker's permitted sectors and a vacancy's sector (at most 64
sectors), needs and facilities, and skills packed 64 to a word. Dates are proleptic Gregorian
ordinals; an open end is the smallest or largest int32.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .geo import km_to_chord2, unit_vectors
from .model import Facility, Seeker, Vacancy, check_isco, daily_wage

OPEN_START = np.iinfo(np.int32).min
OPEN_END = np.iinfo(np.int32).max
ANY_SECTOR = np.uint64(0xFFFF_FFFF_FFFF_FFFF)
NO_AGE = np.iinfo(np.int16).max
"""A seeker's age where none applies: older than any vacancy's minimum age."""
FACILITY_BITS = {f: 1 << i for i, f in enumerate(Facility)}


def facility_mask(facilities: frozenset[Facility] | set[Facility]) -> int:
    return sum(FACILITY_BITS[Facility(f)] for f in facilities)


def facilities_of(mask: int) -> frozenset[Facility]:
    return frozenset(f for f, bit in FACILITY_BITS.items() if mask & bit)


def pack_skills(rows: Sequence[Sequence[int]], n_skills: int) -> NDArray[np.uint64]:
    """Skill indices per row packed into bits, shape (len(rows), ceil(n_skills / 64)), >= 1 word."""
    words = max(1, -(-n_skills // 64))
    dense = np.zeros((len(rows), words * 64), dtype=bool)
    for i, row in enumerate(rows):
        dense[i, list(row)] = True
    packed = np.packbits(dense.reshape(len(rows), words, 64), axis=2, bitorder="little")
    return packed.view(np.uint64).reshape(len(rows), words).copy()


def all_distinct(values: NDArray) -> bool:
    """No value twice. By sorting: numpy's hash-based `unique` is some 40 times slower on the
    million candidate edges of a campaign."""
    ordered = np.sort(values)
    return not bool((ordered[1:] == ordered[:-1]).any())


def _array(values: ArrayLike, dtype: type) -> NDArray:
    return np.ascontiguousarray(np.asarray(values, dtype=dtype))


def _ordinal(day: dt.date | None, open_value: int) -> int:
    return open_value if day is None else day.toordinal()


@dataclass(frozen=True, eq=False)
class SeekerTable:
    ids: NDArray[np.int64]
    isco: NDArray[np.int32]
    latitude: NDArray[np.float64]
    longitude: NDArray[np.float64]
    max_travel_km: NDArray[np.float64]
    woman: NDArray[np.bool_]
    refugee: NDArray[np.bool_]
    permit_mask: NDArray[np.uint64]
    needs_mask: NDArray[np.uint8]
    skills: NDArray[np.uint64]
    expected_daily_wage: NDArray[np.float64]
    experience_years: NDArray[np.float64]
    available_from: NDArray[np.int32]
    available_until: NDArray[np.int32]
    placed: NDArray[np.bool_]
    age: NDArray[np.int16] | None = None
    """Completed years; None (or NO_AGE) where no age limit applies."""
    xyz: NDArray[np.float64] = field(init=False, repr=False)
    max_chord2: NDArray[np.float64] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.age is None:
            object.__setattr__(self, "age", np.full(len(self.ids), NO_AGE, dtype=np.int16))
        types = {
            "ids": np.int64, "isco": np.int32, "latitude": np.float64, "longitude": np.float64,
            "max_travel_km": np.float64, "woman": np.bool_, "refugee": np.bool_,
            "permit_mask": np.uint64, "needs_mask": np.uint8, "skills": np.uint64,
            "expected_daily_wage": np.float64, "experience_years": np.float64,
            "available_from": np.int32, "available_until": np.int32, "placed": np.bool_,
            "age": np.int16,
        }  # fmt: skip
        for name, dtype in types.items():
            object.__setattr__(self, name, _array(getattr(self, name), dtype))
        n = len(self.ids)
        if any(len(getattr(self, name)) != n for name in types):
            raise ValueError("every seeker column must have one entry per seeker")
        if self.skills.ndim != 2:
            raise ValueError("skills must be packed as (seekers, words)")
        if not all_distinct(self.ids):
            raise ValueError("seeker ids must be unique")
        object.__setattr__(self, "xyz", unit_vectors(self.latitude, self.longitude))
        object.__setattr__(self, "max_chord2", km_to_chord2(self.max_travel_km))

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class VacancyTable:
    ids: NDArray[np.int64]
    isco: NDArray[np.int32]
    latitude: NDArray[np.float64]
    longitude: NDArray[np.float64]
    sector_bit: NDArray[np.uint64]
    facilities_mask: NDArray[np.uint8]
    skills: NDArray[np.uint64]
    daily_wage: NDArray[np.float64]
    min_experience_years: NDArray[np.float64]
    start: NDArray[np.int32]
    end: NDArray[np.int32]
    positions: NDArray[np.int64]
    minimum_age: NDArray[np.int16] | None = None
    """The youngest age allowed per vacancy; None: no limit (0)."""
    xyz: NDArray[np.float64] = field(init=False, repr=False)
    skill_count: NDArray[np.int64] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.minimum_age is None:
            object.__setattr__(self, "minimum_age", np.zeros(len(self.ids), dtype=np.int16))
        types = {
            "ids": np.int64, "isco": np.int32, "latitude": np.float64, "longitude": np.float64,
            "sector_bit": np.uint64, "facilities_mask": np.uint8, "skills": np.uint64,
            "daily_wage": np.float64, "min_experience_years": np.float64, "start": np.int32,
            "end": np.int32, "positions": np.int64, "minimum_age": np.int16,
        }  # fmt: skip
        for name, dtype in types.items():
            object.__setattr__(self, name, _array(getattr(self, name), dtype))
        n = len(self.ids)
        if any(len(getattr(self, name)) != n for name in types):
            raise ValueError("every vacancy column must have one entry per vacancy")
        if self.skills.ndim != 2:
            raise ValueError("skills must be packed as (vacancies, words)")
        if not all_distinct(self.ids):
            raise ValueError("vacancy ids must be unique")
        object.__setattr__(self, "xyz", unit_vectors(self.latitude, self.longitude))
        counts = np.bitwise_count(self.skills).sum(axis=1, dtype=np.int64)
        object.__setattr__(self, "skill_count", counts)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class Instance:
    """Seekers and vacancies encoded with one shared vocabulary of sectors and skills."""

    seekers: SeekerTable
    vacancies: VacancyTable
    sectors: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.seekers.skills.shape[1] != self.vacancies.skills.shape[1]:
            raise ValueError("seekers and vacancies must pack skills into the same words")


def encode(seekers: Sequence[Seeker], vacancies: Sequence[Vacancy]) -> Instance:
    sectors = sorted({v.sector for v in vacancies} | _permitted(seekers))
    if len(sectors) > 64:
        raise ValueError("at most 64 sectors can be matched")
    skills = sorted({s for p in [*seekers, *vacancies] for s in p.skills})
    sector_bit = {name: 1 << i for i, name in enumerate(sectors)}
    skill_index = {name: i for i, name in enumerate(skills)}

    def permit(s: Seeker) -> np.uint64:
        if s.permit_sectors is None:
            return ANY_SECTOR
        return np.uint64(sum(sector_bit[name] for name in s.permit_sectors))

    seeker_table = SeekerTable(
        ids=[s.id for s in seekers],
        isco=[int(check_isco(s.isco)) for s in seekers],
        latitude=[s.latitude for s in seekers],
        longitude=[s.longitude for s in seekers],
        max_travel_km=[s.max_travel_km for s in seekers],
        woman=[s.sex == "F" for s in seekers],
        refugee=[s.refugee for s in seekers],
        permit_mask=np.array([permit(s) for s in seekers], dtype=np.uint64),
        needs_mask=[facility_mask(s.needs) for s in seekers],
        skills=pack_skills([[skill_index[k] for k in s.skills] for s in seekers], len(skills)),
        expected_daily_wage=[daily_wage(s.expected_wage, s.wage_period) for s in seekers],
        experience_years=[s.experience_years for s in seekers],
        available_from=[_ordinal(s.available_from, OPEN_START) for s in seekers],
        available_until=[_ordinal(s.available_until, OPEN_END) for s in seekers],
        placed=[s.placed for s in seekers],
        age=[NO_AGE if s.age is None else s.age for s in seekers],
    )
    vacancy_table = VacancyTable(
        ids=[v.id for v in vacancies],
        isco=[int(check_isco(v.isco)) for v in vacancies],
        latitude=[v.latitude for v in vacancies],
        longitude=[v.longitude for v in vacancies],
        sector_bit=np.array([sector_bit[v.sector] for v in vacancies], dtype=np.uint64),
        facilities_mask=[facility_mask(v.facilities) for v in vacancies],
        skills=pack_skills([[skill_index[k] for k in v.skills] for v in vacancies], len(skills)),
        daily_wage=[daily_wage(v.wage, v.wage_period) for v in vacancies],
        min_experience_years=[v.min_experience_years for v in vacancies],
        start=[_ordinal(v.start, OPEN_START) for v in vacancies],
        end=[_ordinal(v.end, OPEN_END) for v in vacancies],
        positions=[v.positions for v in vacancies],
        minimum_age=[v.minimum_age for v in vacancies],
    )
    return Instance(seeker_table, vacancy_table, tuple(sectors), tuple(skills))


def _permitted(seekers: Sequence[Seeker]) -> set[str]:
    return {name for s in seekers if s.permit_sectors is not None for name in s.permit_sectors}


def seeker_record(instance: Instance, i: int) -> Seeker:
    """Row i of the seekers table as a `Seeker` (wages per day), e.g. to explain a match."""
    s = instance.seekers
    mask = int(s.permit_mask[i])
    sectors = None
    if mask != int(ANY_SECTOR):
        sectors = frozenset(name for b, name in enumerate(instance.sectors) if mask >> b & 1)
    return Seeker(
        id=int(s.ids[i]),
        isco=f"{int(s.isco[i]):04d}",
        latitude=float(s.latitude[i]),
        longitude=float(s.longitude[i]),
        max_travel_km=float(s.max_travel_km[i]),
        sex="F" if s.woman[i] else "M",
        refugee=bool(s.refugee[i]),
        permit_sectors=sectors,
        needs=facilities_of(int(s.needs_mask[i])),
        skills=_skill_names(instance, s.skills[i]),
        expected_wage=float(s.expected_daily_wage[i]),
        experience_years=float(s.experience_years[i]),
        available_from=_date(int(s.available_from[i])),
        available_until=_date(int(s.available_until[i])),
        placed=bool(s.placed[i]),
        age=None if int(s.age[i]) == NO_AGE else int(s.age[i]),
    )


def vacancy_record(instance: Instance, j: int) -> Vacancy:
    v = instance.vacancies
    return Vacancy(
        id=int(v.ids[j]),
        isco=f"{int(v.isco[j]):04d}",
        latitude=float(v.latitude[j]),
        longitude=float(v.longitude[j]),
        sector=instance.sectors[int(v.sector_bit[j]).bit_length() - 1],
        positions=int(v.positions[j]),
        facilities=facilities_of(int(v.facilities_mask[j])),
        skills=_skill_names(instance, v.skills[j]),
        wage=float(v.daily_wage[j]),
        min_experience_years=float(v.min_experience_years[j]),
        start=_date(int(v.start[j])),
        end=_date(int(v.end[j])),
        minimum_age=int(v.minimum_age[j]),
    )


def _skill_names(instance: Instance, words: NDArray[np.uint64]) -> frozenset[str]:
    bits = np.unpackbits(words.view(np.uint8), bitorder="little")
    return frozenset(instance.skills[b] for b in np.flatnonzero(bits))


def _date(ordinal: int) -> dt.date | None:
    return None if ordinal in (OPEN_START, OPEN_END) else dt.date.fromordinal(ordinal)
