"""Score components of a (job seeker, vacancy) pair, one by one and in blocks.

Each component is a value in [0, 1]; the score is their weighted sum (see `Weights`):
- occupation: 1 for the same ISCO-08 unit group, 0.6 the same minor group, 0.3 the same
  sub-major group, else 0 (the codes' common prefix gives the level);
- skills: the share of the vacancy's skills the seeker has (1 when it lists none);
- distance: 1 at the vacancy's door, falling linearly to 0 at the seeker's own travel limit;
- wage: 1 when the offer (per day; a monthly wage is divided by 26 days) meets the seeker's
  expectation, falling linearly to 0 when it is `wage_tolerance` of the expectation short;
- experience: the seeker's years over the vacancy's minimum, at most 1 (1 when none is asked).

`score_pair` is the plain reference, written as a counsellor would compute it. On arrays, the
work is split in two: `reachable` checks distance and dates for a dense block of pairs (cheap,
no trigonometry), and `pair_scores` scores the pairs that pass. Every reported score comes from
`pair_scores`, whichever path found the pair, so the fast and exhaustive recommenders agree to
the last bit, which their exactness (ties broken by id) needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .constraints import Exclusion, categorical_ok, exclusions
from .geo import chord2_to_km, haversine_km_scalar
from .model import (
    COMPONENTS,
    Component,
    OccupationMatch,
    Seeker,
    Vacancy,
    Weights,
    daily_wage,
    occupation_match,
)
from .tables import Instance


@dataclass(frozen=True)
class PairScore:
    feasible: bool
    exclusions: tuple[Exclusion, ...]
    score: float
    distance_km: float
    occupation_match: OccupationMatch
    components: tuple[Component, ...]


def component_values(seeker: Seeker, vacancy: Vacancy, weights: Weights) -> dict[str, float]:
    match = occupation_match(seeker.isco, vacancy.isco)
    skills = len(seeker.skills & vacancy.skills) / len(vacancy.skills) if vacancy.skills else 1.0
    km = haversine_km_scalar(seeker.latitude, seeker.longitude, vacancy.latitude, vacancy.longitude)
    distance = min(1.0, max(0.0, 1.0 - km / max(seeker.max_travel_km, 1e-9)))
    expected = daily_wage(seeker.expected_wage, seeker.wage_period)
    offered = daily_wage(vacancy.wage, vacancy.wage_period)
    if expected <= 0:
        wage = 1.0
    else:
        shortfall = (expected - offered) / expected
        wage = min(1.0, max(0.0, 1.0 - shortfall / weights.wage_tolerance))
    if vacancy.min_experience_years > 0:
        experience = min(1.0, seeker.experience_years / vacancy.min_experience_years)
    else:
        experience = 1.0
    return {
        "occupation": weights.occupation_value(match),
        "skills": skills,
        "distance": distance,
        "wage": wage,
        "experience": experience,
    }


def score_pair(seeker: Seeker, vacancy: Vacancy, weights: Weights | None = None) -> PairScore:
    """The reference scorer for one pair: hard constraints with reasons, then components."""
    weights = weights or Weights()
    values = component_values(seeker, vacancy, weights)
    components = tuple(
        Component(name, values[name], w, w * values[name])
        for name, w in zip(COMPONENTS, weights.as_tuple(), strict=True)
    )
    found = exclusions(seeker, vacancy)
    return PairScore(
        feasible=not found,
        exclusions=found,
        score=sum(c.points for c in components) if not found else float("-inf"),
        distance_km=haversine_km_scalar(
            seeker.latitude, seeker.longitude, vacancy.latitude, vacancy.longitude
        ),
        occupation_match=occupation_match(seeker.isco, vacancy.isco),
        components=components,
    )


def occupation_values(a: NDArray, b: NDArray, weights: Weights) -> NDArray[np.float64]:
    """Occupation component for ISCO-08 codes held as integers; broadcasts."""
    unit, minor, sub_major = weights.occupation_levels
    return np.where(
        a == b,
        unit,
        np.where(a // 10 == b // 10, minor, np.where(a // 100 == b // 100, sub_major, 0.0)),
    )


@dataclass(frozen=True, eq=False)
class Prepared:
    """The per-seeker and per-vacancy parts of the formula, computed once per instance."""

    instance: Instance
    weights: Weights
    sx: NDArray[np.float64]
    sy: NDArray[np.float64]
    sz: NDArray[np.float64]
    inv_max_km: NDArray[np.float64]
    wage_slope: NDArray[np.float64]
    wage_base: NDArray[np.float64]
    vx: NDArray[np.float64]
    vy: NDArray[np.float64]
    vz: NDArray[np.float64]
    skill_scale: NDArray[np.float64]
    skill_base: NDArray[np.float64]
    experience_scale: NDArray[np.float64]
    experience_base: NDArray[np.float64]


def prepare(instance: Instance, weights: Weights) -> Prepared:
    s, v = instance.seekers, instance.vacancies
    expected = s.expected_daily_wage
    paid = expected > 0
    tolerance = weights.wage_tolerance
    # wage = 1 - (expected - offered) / (expected * tolerance) = base + slope * offered
    slope = np.where(paid, 1.0 / np.where(paid, expected, 1.0) / tolerance, 0.0)
    base = np.where(paid, 1.0 - 1.0 / tolerance, 1.0)
    counted = v.skill_count > 0
    asked = v.min_experience_years > 0
    return Prepared(
        instance=instance,
        weights=weights,
        sx=np.ascontiguousarray(s.xyz[:, 0]),
        sy=np.ascontiguousarray(s.xyz[:, 1]),
        sz=np.ascontiguousarray(s.xyz[:, 2]),
        inv_max_km=1.0 / np.maximum(s.max_travel_km, 1e-9),
        wage_slope=slope,
        wage_base=base,
        vx=np.ascontiguousarray(v.xyz[:, 0]),
        vy=np.ascontiguousarray(v.xyz[:, 1]),
        vz=np.ascontiguousarray(v.xyz[:, 2]),
        skill_scale=np.where(counted, 1.0 / np.maximum(v.skill_count, 1), 0.0),
        skill_base=np.where(counted, 0.0, 1.0),
        experience_scale=np.where(asked, 1.0 / np.where(asked, v.min_experience_years, 1.0), 0.0),
        experience_base=np.where(asked, 0.0, 1.0),
    )


def reachable(
    p: Prepared,
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    *,
    limit: NDArray[np.float64] | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Squared chords and the distance and date constraints for a dense block (rows x cols).

    The cheap first stage: only the pairs it lets through are scored, by `pair_scores`.
    `limit`, per row, may replace the seekers' own squared travel limits with smaller ones:
    the fast recommender passes the radius beyond which a pair cannot reach a top k.
    """
    s, v = p.instance.seekers, p.instance.vacancies
    # Written into two buffers rather than a fresh array per step (these blocks are large);
    # the values are those of `_chord2`, operation for operation.
    d = np.subtract.outer(p.sx[rows], p.vx[cols])
    chord2 = np.multiply(d, d)
    np.subtract.outer(p.sy[rows], p.vy[cols], out=d)
    np.multiply(d, d, out=d)
    chord2 += d
    np.subtract.outer(p.sz[rows], p.vz[cols], out=d)
    np.multiply(d, d, out=d)
    chord2 += d
    ok = chord2 <= (s.max_chord2[rows] if limit is None else limit)[:, None]
    ok &= s.available_from[rows][:, None] <= v.end[cols][None, :]
    ok &= v.start[cols][None, :] <= s.available_until[rows][:, None]
    return chord2, ok


def _chord2(p: Prepared, rows: NDArray[np.intp], cols: NDArray[np.intp]) -> NDArray[np.float64]:
    # The same operations, in the same order, as `reachable`, so the values are identical.
    d = p.sx[rows] - p.vx[cols]
    chord2 = d * d
    d = p.sy[rows] - p.vy[cols]
    chord2 += d * d
    d = p.sz[rows] - p.vz[cols]
    chord2 += d * d
    return chord2


def skill_values(
    p: Prepared, rows: NDArray[np.intp], cols: NDArray[np.intp]
) -> NDArray[np.float64]:
    """The skills component of the pairs (rows[i], cols[i])."""
    s, v = p.instance.seekers, p.instance.vacancies
    common = np.zeros(len(rows), dtype=np.uint8)
    for word in range(s.skills.shape[1]):
        common += np.bitwise_count(s.skills[rows, word] & v.skills[cols, word])
    return np.minimum(common * p.skill_scale[cols] + p.skill_base[cols], 1.0)


def pair_scores(
    p: Prepared,
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    *,
    chord2: NDArray[np.float64] | None = None,
    occupation: float | None = None,
    skills: NDArray[np.float64] | None = None,
    parts: dict[str, NDArray] | None = None,
) -> NDArray[np.float64]:
    """Scores of the pairs (rows[i], cols[i]), constraints aside.

    Every score the engine reports comes from this function, whichever path found the pair, so
    the exhaustive and the fast paths agree to the last bit. `chord2` may pass the squared
    chords `reachable` already computed; `occupation` the component when all pairs share it;
    `skills` the values `skill_values` gave for these pairs. `parts`, when given, receives the
    component values and the distance in km.
    """
    s, v, w = p.instance.seekers, p.instance.vacancies, p.weights
    if chord2 is None:
        chord2 = _chord2(p, rows, cols)
    km = chord2_to_km(chord2)
    distance = np.clip(1.0 - km * p.inv_max_km[rows], 0.0, 1.0)
    if skills is None:
        skills = skill_values(p, rows, cols)
    wage = np.clip(p.wage_base[rows] + p.wage_slope[rows] * v.daily_wage[cols], 0.0, 1.0)
    experience = s.experience_years[rows] * p.experience_scale[cols]
    experience = np.minimum(experience + p.experience_base[cols], 1.0)
    if occupation is None:
        occ = occupation_values(s.isco[rows], v.isco[cols], w)
    else:
        occ = np.full(len(rows), occupation)
    score = w.occupation * occ + w.skills * skills
    score += w.distance * distance
    score += w.wage * wage
    score += w.experience * experience
    if parts is not None:
        parts.update(
            occupation=occ,
            skills=skills,
            distance=distance,
            wage=wage,
            experience=experience,
            km=km,
        )
    return score


@dataclass(frozen=True)
class PairTerms:
    score: NDArray[np.float64]
    feasible: NDArray[np.bool_]
    km: NDArray[np.float64]
    values: NDArray[np.float64]
    """Component values, shape (pairs, 5), in the order of `model.COMPONENTS`."""


def pair_terms(p: Prepared, rows: NDArray[np.intp], cols: NDArray[np.intp]) -> PairTerms:
    """Score (-inf when excluded), feasibility, km and component values of (rows[i], cols[i])."""
    rows, cols = np.asarray(rows, dtype=np.intp), np.asarray(cols, dtype=np.intp)
    s, v = p.instance.seekers, p.instance.vacancies
    parts: dict[str, NDArray] = {}
    score = pair_scores(p, rows, cols, parts=parts)
    feasible = categorical_ok(s, rows, v, cols)
    feasible &= _chord2(p, rows, cols) <= s.max_chord2[rows]
    feasible &= s.available_from[rows] <= v.end[cols]
    feasible &= v.start[cols] <= s.available_until[rows]
    values = np.stack([parts[name] for name in COMPONENTS], axis=-1)
    return PairTerms(np.where(feasible, score, -np.inf), feasible, parts["km"], values)
