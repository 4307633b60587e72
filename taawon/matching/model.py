"""What the matching engine reads and returns: job seekers, vacancies, weights, recommendations.

Plain frozen dataclasses, so the employment app (or a test) can build them without Django. A
vacancy has no field for sex or nationality: under ILO Convention 111 an employer may not exclude
anyone on those grounds, so a vacancy states the facilities it offers instead (transport,
childcare, separate sanitation, women in the team) and each job seeker states the conditions they
need. Sex and refugee status are carried on the seeker only for the campaign floors of
`allocate` (special measures, C111 article 5) and are never read by a hard filter or a score.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

DAYS_PER_MONTH = 26
"""Working days in a month when a monthly wage is compared with a daily one (six-day week)."""


class Facility(enum.StrEnum):
    TRANSPORT = "transport"
    CHILDCARE = "childcare"
    SEPARATE_SANITATION = "separate_sanitation"
    WOMEN_IN_TEAM = "women_in_team"


class WagePeriod(enum.StrEnum):
    DAILY = "daily"
    MONTHLY = "monthly"


class OccupationMatch(enum.IntEnum):
    """How close two ISCO-08 unit groups are; the codes' common prefix gives the level."""

    NONE = 0
    SUB_MAJOR = 2
    MINOR = 3
    UNIT = 4


def check_isco(code: str) -> str:
    if len(code) != 4 or not code.isdigit():
        raise ValueError(f"an ISCO-08 unit group is a 4-digit string, got {code!r}")
    return code


def occupation_match(a: str, b: str) -> OccupationMatch:
    for level in (OccupationMatch.UNIT, OccupationMatch.MINOR, OccupationMatch.SUB_MAJOR):
        if a[:level] == b[:level]:
            return level
    return OccupationMatch.NONE


def daily_wage(amount: float, period: WagePeriod | str) -> float:
    return amount / DAYS_PER_MONTH if WagePeriod(period) is WagePeriod.MONTHLY else amount


@dataclass(frozen=True)
class Seeker:
    """A job seeker as the employment unit registered them.

    `permit_sectors` are the sectors this person may legally work in (for a refugee in Jordan,
    the sectors open to a flexible work permit); None means any sector, as for a citizen. The
    employment app derives it from the permit records; the engine only compares it with the
    vacancy's sector.
    """

    id: int
    isco: str
    latitude: float
    longitude: float
    max_travel_km: float
    sex: str = "F"
    refugee: bool = False
    permit_sectors: frozenset[str] | None = None
    needs: frozenset[Facility] = frozenset()
    skills: frozenset[str] = frozenset()
    expected_wage: float = 0.0
    wage_period: WagePeriod = WagePeriod.DAILY
    experience_years: float = 0.0
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    placed: bool = False
    age: int | None = None
    """Completed years, compared with a vacancy's `minimum_age`; None: no age limit applies."""

    def __post_init__(self) -> None:
        check_isco(self.isco)
        if self.sex not in ("F", "M"):
            raise ValueError(f"sex is 'F' or 'M', got {self.sex!r}")
        object.__setattr__(self, "needs", frozenset(Facility(n) for n in self.needs))


@dataclass(frozen=True)
class Vacancy:
    id: int
    isco: str
    latitude: float
    longitude: float
    sector: str
    positions: int = 1
    facilities: frozenset[Facility] = frozenset()
    skills: frozenset[str] = frozenset()
    wage: float = 0.0
    wage_period: WagePeriod = WagePeriod.DAILY
    min_experience_years: float = 0.0
    start: dt.date | None = None
    end: dt.date | None = None
    minimum_age: int = 0
    """The youngest age allowed: the country's minimum working age, or 18 for hazardous work
    (the employment app decides which; the engine only compares)."""

    def __post_init__(self) -> None:
        check_isco(self.isco)
        if self.positions < 0:
            raise ValueError("positions cannot be negative")
        object.__setattr__(self, "facilities", frozenset(Facility(f) for f in self.facilities))


@dataclass(frozen=True)
class Weights:
    """How much each component counts; a score is the weighted sum of components in [0, 1].

    `occupation_levels` gives the occupation component for the same unit group, the same minor
    group and the same sub-major group; any other pair scores 0. `wage_tolerance` is how far
    below the expected wage an offer may fall before the wage component reaches 0 (0.5: an
    offer at half the expected wage scores 0; at or above the expected wage it scores 1).
    """

    occupation: float = 0.35
    skills: float = 0.2
    distance: float = 0.2
    wage: float = 0.15
    experience: float = 0.1
    occupation_levels: tuple[float, float, float] = (1.0, 0.6, 0.3)
    wage_tolerance: float = 0.5

    def __post_init__(self) -> None:
        if min(self.as_tuple()) < 0:
            raise ValueError("weights cannot be negative")
        unit, minor, sub_major = self.occupation_levels
        if not 1.0 >= unit >= minor >= sub_major >= 0.0:
            raise ValueError("occupation levels must fall from unit to sub-major group, in [0, 1]")
        if self.wage_tolerance <= 0:
            raise ValueError("wage_tolerance must be positive")

    def as_tuple(self) -> tuple[float, float, float, float, float]:
        return (self.occupation, self.skills, self.distance, self.wage, self.experience)

    def occupation_value(self, match: OccupationMatch) -> float:
        unit, minor, sub_major = self.occupation_levels
        return {
            OccupationMatch.UNIT: unit,
            OccupationMatch.MINOR: minor,
            OccupationMatch.SUB_MAJOR: sub_major,
        }.get(match, 0.0)


COMPONENTS = ("occupation", "skills", "distance", "wage", "experience")


@dataclass(frozen=True)
class Component:
    """One part of a score: `value` in [0, 1], and `points` = weight * value."""

    name: str
    value: float
    weight: float
    points: float


@dataclass(frozen=True)
class Recommendation:
    seeker_id: int
    vacancy_id: int
    rank: int
    score: float
    distance_km: float
    occupation_match: OccupationMatch
    components: tuple[Component, ...] = field(default=())

    def component(self, name: str) -> Component:
        return next(c for c in self.components if c.name == name)
