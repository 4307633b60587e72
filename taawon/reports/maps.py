"""Where governorates are, for the bubble map: their centroids from the geo reference data."""

from __future__ import annotations

from taawon.geo import queries as geo_queries


def governorate_centroids(country: str | None = None) -> dict[str, tuple[float, float]]:
    """(latitude, longitude) of each governorate of `country` (None: all), under each name a
    table may give it by: its id, its P-code and its ISO 3166-2 code."""
    found: dict[str, tuple[float, float]] = {}
    for governorate in geo_queries.governorates(country):
        point = (float(governorate.latitude), float(governorate.longitude))
        for key in (str(governorate.pk), governorate.pcode, governorate.iso_code):
            found[key] = point
    return found


def country_outline(country: str) -> list[tuple[float, float]]:
    """Every governorate centroid of `country`: the points the map's light hull goes around."""
    return sorted(set(governorate_centroids(country).values()))
