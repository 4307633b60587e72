"""Shapes of the protection reference data."""

from __future__ import annotations

from ninja import Schema


class HazardOut(Schema):
    code: str
    label: str
    sources: list[str]


class HazardsOut(Schema):
    adult_age: int
    minimum_working_age: dict[str, int]
    minimum_working_age_default: int
    occupations: list[HazardOut]
    tasks: list[HazardOut]
    sources: dict[str, str]
