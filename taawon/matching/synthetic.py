"""Random instances shaped like a Jordanian employment unit's caseload, for tests and benchmarks.

Seekers live around the main towns in proportion to population; farm vacancies sit in the Jordan
Valley, Mafraq, Irbid and Karak, the rest in the cities. Occupations are ISCO-08 unit groups the
programme sees most (agriculture, construction, food processing, services), with different
shares among seekers and vacancies, so that some seekers have few vacancies in their trade.
Refugees may work only in the sectors open to them; women more often need childcare,
transport, separate sanitation or women in the team. Nothing here is real data.
"""

from __future__ import annotations

import numpy as np

from .model import Facility
from .tables import ANY_SECTOR, FACILITY_BITS, OPEN_END, Instance, SeekerTable, VacancyTable

SECTORS = ("agriculture", "construction", "manufacturing", "food_services", "transport", "services")
REFUGEE_SECTORS = ("agriculture", "construction", "manufacturing", "food_services")

# (ISCO-08 unit group, sector, share among seekers, share among vacancies)
OCCUPATIONS = (
    ("6111", "agriculture", 3, 5), ("6112", "agriculture", 2, 4), ("6113", "agriculture", 1, 2),
    ("6121", "agriculture", 2, 2), ("6122", "agriculture", 1, 1), ("6130", "agriculture", 1, 1),
    ("9211", "agriculture", 10, 12), ("9212", "agriculture", 3, 3), ("9213", "agriculture", 4, 4),
    ("9214", "agriculture", 1, 2), ("8341", "agriculture", 1, 1),
    ("7111", "construction", 2, 2), ("7112", "construction", 2, 3), ("7113", "construction", 1, 1),
    ("7114", "construction", 1, 1), ("7115", "construction", 2, 2), ("7122", "construction", 1, 1),
    ("7123", "construction", 1, 1), ("7126", "construction", 1, 2), ("7131", "construction", 2, 1),
    ("7212", "construction", 1, 1), ("7411", "construction", 2, 2), ("9312", "construction", 3, 2),
    ("9313", "construction", 5, 4),
    ("7511", "manufacturing", 1, 1), ("7512", "manufacturing", 2, 2),
    ("7513", "manufacturing", 1, 1), ("7514", "manufacturing", 2, 2),
    ("8160", "manufacturing", 2, 2), ("9321", "manufacturing", 3, 3),
    ("9329", "manufacturing", 3, 2), ("7531", "manufacturing", 2, 1),
    ("7533", "manufacturing", 2, 1), ("8153", "manufacturing", 2, 2),
    ("5120", "food_services", 2, 2), ("5131", "food_services", 2, 2),
    ("9412", "food_services", 3, 2),
    ("8322", "transport", 2, 1), ("8332", "transport", 1, 1), ("9333", "transport", 2, 1),
    ("9112", "services", 4, 3), ("5223", "services", 3, 2), ("5322", "services", 2, 1),
    ("5311", "services", 2, 1), ("7231", "services", 1, 1), ("4110", "services", 3, 1),
    ("2341", "services", 2, 1), ("3221", "services", 1, 1),
)  # fmt: skip

# (town, latitude, longitude, share of seekers, share of farm vacancies, share of other vacancies)
TOWNS = (
    ("Amman", 31.95, 35.93, 40, 2, 45), ("Zarqa", 32.07, 36.09, 14, 2, 14),
    ("Irbid", 32.55, 35.85, 17, 14, 14), ("Mafraq", 32.34, 36.21, 6, 22, 4),
    ("Deir Alla", 32.20, 35.62, 3, 25, 1), ("South Shuna", 31.90, 35.62, 2, 15, 1),
    ("Jerash", 32.28, 35.90, 3, 4, 2), ("Ajloun", 32.33, 35.75, 2, 3, 2),
    ("Madaba", 31.72, 35.79, 3, 4, 3), ("Karak", 31.18, 35.70, 4, 7, 4),
    ("Tafilah", 30.84, 35.60, 1, 1, 1), ("Ma'an", 30.19, 35.73, 2, 1, 2),
    ("Aqaba", 29.53, 35.01, 3, 0, 7),
)  # fmt: skip

N_SKILLS = 96
DAILY_SECTORS = ("agriculture", "construction")
DAY_ZERO = 739617  # 2026-01-01


def _shares(values: list[float]) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    return array / array.sum()


def _occupation_skills(rng: np.random.Generator) -> np.ndarray:
    """Eight skills per occupation, drawn mostly from a pool its sub-major group shares."""
    codes = [code for code, *_ in OCCUPATIONS]
    pools: dict[str, np.ndarray] = {}
    skills = np.zeros((len(codes), 8), dtype=np.int64)
    for i, code in enumerate(codes):
        pool = pools.setdefault(code[:2], rng.choice(N_SKILLS, size=12, replace=False))
        skills[i, :5] = rng.choice(pool, size=5, replace=False)
        skills[i, 5:] = rng.choice(N_SKILLS, size=3, replace=False)
    return skills


def _pack(indices: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Pack skill indices (rows, slots) where `present` into two 64-bit words per row."""
    words = np.zeros((len(indices), 2), dtype=np.uint64)
    rows, slots = np.nonzero(present)
    bits = indices[rows, slots]
    np.bitwise_or.at(
        words, (rows, bits // 64), np.left_shift(np.uint64(1), (bits % 64).astype(np.uint64))
    )
    return words


def _places(rng: np.random.Generator, n: int, shares: np.ndarray, spread_km: float) -> tuple:
    town = rng.choice(len(TOWNS), size=n, p=shares)
    lat = np.array([t[1] for t in TOWNS])[town] + rng.normal(0, spread_km / 111.0, n)
    lon = np.array([t[2] for t in TOWNS])[town] + rng.normal(0, spread_km / 94.0, n)
    return lat, lon


def seekers(n: int, seed: int = 0, *, id_offset: int = 0) -> SeekerTable:
    rng = np.random.default_rng(seed)
    occupation_skills = _occupation_skills(np.random.default_rng(12345))
    occ = rng.choice(len(OCCUPATIONS), size=n, p=_shares([o[2] for o in OCCUPATIONS]))
    sector = np.array([SECTORS.index(o[1]) for o in OCCUPATIONS])[occ]
    lat, lon = _places(rng, n, _shares([t[3] for t in TOWNS]), spread_km=8.0)
    woman = rng.random(n) < 0.4
    refugee = rng.random(n) < 0.45
    refugee_mask = sum(1 << SECTORS.index(s) for s in REFUGEE_SECTORS)
    permit = np.where(refugee, np.uint64(refugee_mask), ANY_SECTOR).astype(np.uint64)

    def need(p_women: float, p_men: float) -> np.ndarray:
        return rng.random(n) < np.where(woman, p_women, p_men)

    needs = (
        need(0.4, 0.2) * FACILITY_BITS[Facility.TRANSPORT]
        + need(0.2, 0.0) * FACILITY_BITS[Facility.CHILDCARE]
        + need(0.3, 0.0) * FACILITY_BITS[Facility.SEPARATE_SANITATION]
        + need(0.25, 0.0) * FACILITY_BITS[Facility.WOMEN_IN_TEAM]
    )
    own = rng.random((n, 8)) < np.array([0.8, 0.7, 0.6, 0.5, 0.4, 0.15, 0.15, 0.15])
    stray = rng.integers(0, N_SKILLS, size=(n, 2))
    skills = _pack(
        np.concatenate([occupation_skills[occ], stray], axis=1),
        np.concatenate([own, rng.random((n, 2)) < 0.3], axis=1),
    )
    daily = np.isin(sector, [SECTORS.index(s) for s in DAILY_SECTORS])
    expected = np.where(daily, rng.normal(15, 3, n), rng.normal(330, 50, n) / 26).clip(8, None)
    available_from = DAY_ZERO + rng.integers(0, 150, n)
    open_ended = rng.random(n) < 0.4
    until = np.where(open_ended, OPEN_END, available_from + rng.integers(30, 300, n))
    return SeekerTable(
        ids=id_offset + 1 + rng.permutation(n).astype(np.int64),
        isco=np.array([int(o[0]) for o in OCCUPATIONS])[occ],
        latitude=lat,
        longitude=lon,
        max_travel_km=rng.choice(
            [10.0, 20.0, 30.0, 50.0, 80.0], size=n, p=[0.15, 0.3, 0.3, 0.2, 0.05]
        ),
        woman=woman,
        refugee=refugee,
        permit_mask=permit,
        needs_mask=needs,
        skills=skills,
        expected_daily_wage=np.round(expected, 2),
        experience_years=np.round(rng.exponential(4.0, n), 1),
        available_from=available_from,
        available_until=until,
        placed=rng.random(n) < 0.05,
    )


def vacancies(m: int, seed: int = 1, *, positions: int | None = None) -> VacancyTable:
    """`positions` spreads that many positions over the vacancies; otherwise 1 to 20 each."""
    rng = np.random.default_rng(seed)
    occupation_skills = _occupation_skills(np.random.default_rng(12345))
    occ = rng.choice(len(OCCUPATIONS), size=m, p=_shares([o[3] for o in OCCUPATIONS]))
    sector = np.array([SECTORS.index(o[1]) for o in OCCUPATIONS])[occ]
    farm = sector == SECTORS.index("agriculture")
    lat, lon = np.empty(m), np.empty(m)
    for is_farm, column in ((True, 4), (False, 5)):
        rows = farm == is_farm
        lat[rows], lon[rows] = _places(
            rng, int(rows.sum()), _shares([t[column] for t in TOWNS]), spread_km=12.0
        )

    def offers(p_farm: float, p_other: float) -> np.ndarray:
        return rng.random(m) < np.where(farm, p_farm, p_other)

    facilities = (
        offers(0.6, 0.35) * FACILITY_BITS[Facility.TRANSPORT]
        + offers(0.1, 0.1) * FACILITY_BITS[Facility.CHILDCARE]
        + offers(0.5, 0.5) * FACILITY_BITS[Facility.SEPARATE_SANITATION]
        + offers(0.5, 0.4) * FACILITY_BITS[Facility.WOMEN_IN_TEAM]
    )
    wanted = rng.random((m, 8)) < np.array([0.7, 0.5, 0.4, 0.3, 0.2, 0.05, 0.05, 0.05])
    daily = np.isin(sector, [SECTORS.index(s) for s in DAILY_SECTORS])
    wage = np.where(daily, rng.normal(15, 2.5, m), rng.normal(340, 45, m) / 26).clip(8, None)
    start = DAY_ZERO + rng.integers(0, 200, m)
    if positions is not None and positions < m:
        raise ValueError("every vacancy needs at least one position")
    if positions is None:
        counts = rng.integers(1, 21, m)
    else:
        counts = 1 + rng.multinomial(positions - m, _shares(rng.gamma(2.0, 1.0, m)))
    return VacancyTable(
        ids=1 + rng.permutation(m).astype(np.int64),
        isco=np.array([int(o[0]) for o in OCCUPATIONS])[occ],
        latitude=lat,
        longitude=lon,
        sector_bit=np.left_shift(np.uint64(1), sector.astype(np.uint64)),
        facilities_mask=facilities,
        skills=_pack(occupation_skills[occ], wanted),
        daily_wage=np.round(wage, 2),
        min_experience_years=rng.choice(
            [0.0, 1.0, 2.0, 3.0, 5.0], size=m, p=[0.5, 0.2, 0.15, 0.1, 0.05]
        ),
        start=start,
        end=start + rng.integers(14, 180, m),
        positions=counts,
    )


def instance(
    n_seekers: int, n_vacancies: int, seed: int = 0, *, positions: int | None = None
) -> Instance:
    return Instance(
        seekers(n_seekers, seed),
        vacancies(n_vacancies, seed + 1, positions=positions),
        SECTORS,
        tuple(f"skill-{i:02d}" for i in range(N_SKILLS)),
    )
