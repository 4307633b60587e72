"""Seekers and vacancies with plain defaults around Amman; a test overrides what it is about."""

from __future__ import annotations

import itertools
from typing import Any

from taawon.matching import Seeker, Vacancy

AMMAN = (31.95, 35.93)
KM_PER_DEGREE_LATITUDE = 111.195
_ids = itertools.count(1)


def north_of_amman(km: float) -> tuple[float, float]:
    return AMMAN[0] + km / KM_PER_DEGREE_LATITUDE, AMMAN[1]


def seeker(**fields: Any) -> Seeker:
    values: dict[str, Any] = {
        "id": next(_ids),
        "isco": "9211",
        "latitude": AMMAN[0],
        "longitude": AMMAN[1],
        "max_travel_km": 30.0,
        "sex": "F",
        "skills": frozenset({"picking"}),
        "expected_wage": 15.0,
        "experience_years": 2.0,
    }
    values.update(fields)
    return Seeker(**values)


def vacancy(**fields: Any) -> Vacancy:
    values: dict[str, Any] = {
        "id": next(_ids),
        "isco": "9211",
        "latitude": AMMAN[0],
        "longitude": AMMAN[1],
        "sector": "agriculture",
        "positions": 1,
        "skills": frozenset({"picking"}),
        "wage": 15.0,
        "min_experience_years": 1.0,
    }
    values.update(fields)
    return Vacancy(**values)
