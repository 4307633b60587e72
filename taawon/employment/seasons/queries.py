"""Seasonal labour demand: crop calendars, farm crops, the forecast and the season candidates."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)

from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.geo.models import Governorate
from taawon.people.models import Person

from .. import matching
from ..employers.models import Employer
from ..seekers.models import JobSeeker
from ..unit import reference
from ..unit.access import READ, by_name
from . import labour_demand
from .labour_demand import CropArea
from .models import CropCalendar, FarmCrop

# ISCO-08 groups of farm work: skilled agricultural workers (major group 6), agricultural
# labourers (921) and farm machinery operators (8341).
AGRICULTURE_ISCO = ("6", "921", "8341")


def crop_calendar_list(
    user: User, *, governorate: int | None = None, crop: str = ""
) -> QuerySet[CropCalendar]:
    qs = scoping.scope(CropCalendar.objects.all(), user)
    if governorate:
        qs = qs.filter(governorate_id=governorate)
    if crop:
        qs = qs.filter(crop=crop)
    return (
        qs.select_related("governorate", "owner")
        .annotate(farm_count=Count("farms", distinct=True), dunum_total=Sum("farms__dunums"))
        .order_by("governorate__name_en", "crop", "pk")
    )


def get_crop_calendar_for_user(user: User, pk, action: str = READ) -> CropCalendar:
    qs = CropCalendar.objects.select_related("governorate", "owner", "created_by")
    return scoping.get_scoped_or_404(qs, user, pk, action)


def calendar_choices(user: User, governorate_id: int | None = None) -> QuerySet[CropCalendar]:
    """Calendars `user` may attach to a farm (of the farm's governorate when given)."""
    qs = scoping.scope(CropCalendar.objects.all(), user)
    if governorate_id:
        qs = qs.filter(governorate_id=governorate_id)
    return qs.select_related("governorate").order_by("governorate__name_en", "crop", "pk")


def farm_crop_list(user: User, *, employer: Employer | None = None) -> QuerySet[FarmCrop]:
    qs = scoping.scope(FarmCrop.objects.all(), user)
    if employer is not None:
        qs = qs.filter(employer=employer)
    return qs.select_related(
        "employer", "workplace", "calendar", "calendar__governorate", "owner"
    ).order_by(by_name("employer__"), "pk")


def get_farm_crop_for_user(user: User, pk, action: str = READ) -> FarmCrop:
    qs = FarmCrop.objects.select_related(
        "employer", "workplace", "calendar", "calendar__governorate", "owner"
    )
    return scoping.get_scoped_or_404(qs, user, pk, action)


def crop_areas(user: User | None, *, governorate: int | None = None) -> list[CropArea]:
    """Farms' crops `user` may read (None: all, for services and tasks) as the demand
    formula's areas, placed in their calendar's governorate."""
    qs = FarmCrop.objects.all()
    if user is not None:
        qs = scoping.scope(qs, user)
    if governorate:
        qs = qs.filter(calendar__governorate_id=governorate)
    rows = qs.values_list(
        "calendar__governorate_id",
        "dunums",
        "calendar__workers_per_dunum",
        "calendar__planting_months",
        "calendar__harvest_months",
        "calendar__crop",
    )
    return [
        CropArea(place, frozenset(planting or []) | frozenset(harvest or []),
                 float(dunums * per_dunum), crop)
        for place, dunums, per_dunum, planting, harvest, crop in rows
    ]  # fmt: skip


@dataclass
class ForecastRow:
    governorate: Governorate
    workers: list[int]
    seasons: list[tuple[datetime.date, list]]
    """Seasons starting within the forecast's months: (first day, crops as reference entries,
    which print in the reader's language)."""

    @property
    def peak(self) -> int:
        return max(self.workers, default=0)


@dataclass
class Forecast:
    months: list[datetime.date]
    rows: list[ForecastRow]

    @property
    def totals(self) -> list[int]:
        return [sum(r.workers[i] for r in self.rows) for i in range(len(self.months))]


def labour_forecast(
    user: User,
    *,
    first: datetime.date | None = None,
    count: int = 12,
    governorate: int | None = None,
) -> Forecast:
    """Workers needed per governorate month by month from `first`'s month, from the farms'
    crops `user` may read (rounded up to whole workers)."""
    first = (first or datetime.date.today()).replace(day=1)
    areas = crop_areas(user, governorate=governorate)
    demand = labour_demand.forecast(areas, first, count)
    starts = labour_demand.season_starts(areas)
    months = labour_demand.months_from(first, count)
    places = Governorate.objects.in_bulk(list(demand))
    rows = []
    for place_id, workers in demand.items():
        seasons = [
            (day, [reference.crop(code) or code for code in sorted(starts[place_id][day.month])])
            for day in months
            if starts.get(place_id, {}).get(day.month)
        ]
        rows.append(ForecastRow(places[place_id], [math.ceil(w - 1e-9) for w in workers], seasons))
    rows.sort(key=lambda r: r.governorate.name_en)
    return Forecast(months, rows)


def season_candidates(
    *,
    owner_id: int,
    governorate: Governorate,
    month: datetime.date,
    today: datetime.date | None = None,
) -> QuerySet[JobSeeker]:
    """Job seekers of unit `owner_id` who could work a season starting in `governorate` in
    `month`'s month: active persons seeking farm work (AGRICULTURE_ISCO) who prefer the
    governorate, live in it or travel as far as its centre, are available that month and are
    not in a job that has not ended. Merged and archived persons are out (not active)."""

    first = month.replace(day=1)
    last = labour_demand.month_after(first) - datetime.timedelta(days=1)
    farm_work = Q()
    for prefix in AGRICULTURE_ISCO:
        farm_work |= Q(occupation__code__startswith=prefix)
    seeks_farm_work = JobSeeker.occupations.through.objects.filter(
        farm_work, jobseeker_id=OuterRef("pk")
    )
    prefers = JobSeeker.preferred_governorates.through.objects.filter(
        jobseeker_id=OuterRef("pk"), governorate_id=governorate.pk
    )
    centre = [(float(governorate.latitude), float(governorate.longitude))]
    qs = (
        JobSeeker.objects.filter(owner_id=owner_id, person__status=Person.Status.ACTIVE)
        .filter(Exists(seeks_farm_work))
        .filter(
            Exists(prefers)
            | Q(person__governorate_id=governorate.pk)
            | matching.within_travel(centre)
        )
        .filter(Q(available_from__isnull=True) | Q(available_from__lte=last))
        .filter(Q(available_until__isnull=True) | Q(available_until__gte=first))
        .exclude(matching.placed_now(today or datetime.date.today()))
    )
    return qs.select_related("person").order_by("pk")
