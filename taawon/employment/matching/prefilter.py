"""Rows that surely break a hard constraint, left out before the library sees them: job
seekers in SQL (travel, permit, needs, dates), vacancies on the cached arrays. Each filter is
implied by a constraint the library applies exactly, so its answer does not change."""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from django.db.models import Q

from taawon.geo.models import District, Governorate
from taawon.matching.geo import haversine_km_scalar

from ..seekers.models import JobSeeker
from ..vacancies.models import Vacancy
from .cache import OpenVacancies
from .loading import SeekerInfo, SeekerRows

FACILITY_FIELDS = {
    "transport": ("offers_transport", "needs_transport"),
    "childcare": ("offers_childcare", "needs_childcare"),
    "separate_sanitation": ("separate_sanitation", "needs_separate_sanitation"),
    "women_in_team": ("women_in_team", "needs_women_in_team"),
}
_KM_PER_DEGREE = math.pi * 6371.0088 / 180


def seeker_mask(arrays: OpenVacancies, seekers: SeekerRows, info: SeekerInfo) -> np.ndarray:
    """Vacancies the job seeker surely cannot take left out, as the SQL filters did: a
    latitude-longitude box around them, permit, needs and dates (the library checks each
    again exactly)."""
    t, s = arrays.table, seekers.table
    latitude, longitude = float(s.latitude[0]), float(s.longitude[0])
    dlat = info.max_travel_km / _KM_PER_DEGREE * 1.01 + 1e-4
    mask = np.abs(t.latitude - latitude) <= dlat
    poleward = abs(latitude) + dlat
    if poleward < 89:
        dlon = dlat / math.cos(math.radians(poleward))
        mask &= np.abs(t.longitude - longitude) <= dlon
    mask &= (t.sector_bit & s.permit_mask[0]) != 0
    needs = np.uint8(s.needs_mask[0])
    mask &= (t.facilities_mask & needs) == needs
    mask &= (t.start <= s.available_until[0]) & (t.end >= s.available_from[0])
    return mask


@lru_cache(maxsize=1)
def _areas() -> tuple[tuple[str, int, float, float], ...]:
    """Every district and governorate centroid (reference data, loaded by a migration)."""
    districts = District.objects.values_list("pk", "latitude", "longitude")
    governorates = Governorate.objects.values_list("pk", "latitude", "longitude")
    return tuple(
        [("district", pk, float(la), float(lo)) for pk, la, lo in districts]
        + [("governorate", pk, float(la), float(lo)) for pk, la, lo in governorates]
    )


def within_travel(points: Iterable[tuple[float, float]]) -> Q:
    """Job seekers whose centroid lies within their own travel limit of one of `points`.

    One term per area: the person's district (or, without one, governorate) is that area and
    they travel at least as far as its nearest point, rounded down (a superset of the exact
    test, which the library makes).
    """
    points = list(points)
    terms = Q(pk__in=[])
    for kind, pk, la, lo in _areas():
        km = min(haversine_km_scalar(la, lo, plat, plon) for plat, plon in points)
        reach = Q(max_travel_km__gte=math.floor(km))
        if kind == "district":
            terms |= Q(person__district_id=pk) & reach
        else:
            terms |= Q(person__district__isnull=True, person__governorate_id=pk) & reach
    return terms


def hard_filters_for_vacancy(vacancy: Vacancy) -> Q:
    """Job seekers who can take `vacancy` as far as permit, needs and dates go."""
    q = Q()
    if vacancy.work_permit_required:
        q &= Q(work_permit_status=JobSeeker.PermitStatus.NOT_NEEDED) | Q(
            work_permit_status=JobSeeker.PermitStatus.VALID,
            work_permit_sector=vacancy.permit_sector,
        )
    for offer, need in FACILITY_FIELDS.values():
        if not getattr(vacancy, offer):
            q &= Q(**{need: False})
    if vacancy.end_date:
        q &= Q(available_from__isnull=True) | Q(available_from__lte=vacancy.end_date)
    q &= Q(available_until__isnull=True) | Q(available_until__gte=vacancy.start_date)
    return q
