"""Job matching for employment units: recommendations both ways and campaign allocation.

A pure library (numpy, scipy, OR-Tools; no Django): the employment app loads job seekers and
vacancies, turns them into `Seeker` and `Vacancy` records or straight into arrays, and stores
what comes back.
"""

from .allocate import (
    Allocation,
    Campaign,
    Floor,
    FloorReport,
    FloorStatus,
    Group,
    InvalidFloors,
    Scope,
    allocate,
    allocate_greedy,
)
from .constraints import Exclusion, ExclusionCode, exclusions
from .geo import haversine_km
from .model import (
    COMPONENTS,
    Component,
    Facility,
    OccupationMatch,
    Recommendation,
    Seeker,
    Vacancy,
    WagePeriod,
    Weights,
    occupation_match,
)
from .recommend import TopK, recommend_seekers, recommend_vacancies
from .scoring import PairScore, score_pair
from .tables import Instance, SeekerTable, VacancyTable, encode

__all__ = [
    "Allocation",
    "Campaign",
    "Floor",
    "FloorReport",
    "FloorStatus",
    "Group",
    "InvalidFloors",
    "Scope",
    "allocate",
    "allocate_greedy",
    "COMPONENTS",
    "Component",
    "Exclusion",
    "ExclusionCode",
    "Facility",
    "Instance",
    "OccupationMatch",
    "PairScore",
    "Recommendation",
    "Seeker",
    "SeekerTable",
    "TopK",
    "Vacancy",
    "VacancyTable",
    "WagePeriod",
    "Weights",
    "encode",
    "exclusions",
    "haversine_km",
    "occupation_match",
    "recommend_seekers",
    "recommend_vacancies",
    "score_pair",
]
