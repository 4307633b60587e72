"""The employment units' indicators for a unit (or every unit in reach) and a period, as the
programme reports them (6 units: 140 farms visited, 2,000 jobs secured, 1,620 registered job
seekers, 1,300 placed), each with the share of Syrians and of women where it counts persons.

- farms visited: farms (employers of kind "farm") with a visit dated in the period, each once;
- jobs secured: positions filled, i.e. placements starting in the period;
- registered job seekers: profiles registered in the period (`registered_on`);
- placed job seekers: job seekers with a placement starting in the period, each once.

A person counts once: a person whose record was merged into another (`merged_into` set) is
left out of the person counts, so a duplicate registered twice is not counted twice. Jobs
secured count placements, whoever holds them. The full indicator engine is a later issue;
these are scoped reads, like queries.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from taawon.accounts import scoping
from taawon.accounts.models import User

from ..employers.models import Employer, FarmVisit
from ..placements.models import Placement
from ..seekers.models import JobSeeker

SYRIAN = "SY"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    value: int
    syrians: int | None = None
    women: int | None = None

    @property
    def syrian_share(self) -> float | None:
        return None if self.syrians is None or not self.value else self.syrians / self.value

    @property
    def women_share(self) -> float | None:
        return None if self.women is None or not self.value else self.women / self.value

    @property
    def syrian_percent(self) -> float | None:
        share = self.syrian_share
        return None if share is None else share * 100

    @property
    def women_percent(self) -> float | None:
        share = self.women_share
        return None if share is None else share * 100


@dataclass(frozen=True)
class UnitIndicators:
    start: datetime.date
    end: datetime.date
    unit_id: int | None
    indicators: list[Indicator]

    def __getitem__(self, code: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(code)  # templates look attributes up as keys first


LABELS = {
    "farms_visited": _("Farms visited"),
    "jobs_secured": _("Jobs secured (positions filled)"),
    "registered": _("Registered job seekers"),
    "placed": _("Placed job seekers"),
}


def _scoped(
    qs: QuerySet, user: User, unit_id: int | None, units: Collection[int] | None = None
) -> QuerySet:
    qs = scoping.scope(qs, user) if units is None else qs.filter(owner_id__in=sorted(units))
    return qs.filter(owner_id=unit_id) if unit_id else qs


def _persons(qs: QuerySet, prefix: str) -> dict[str, int]:
    """Distinct persons behind `qs` (rows reaching a person through `prefix`), Syrians and
    women among them; merged persons left out."""
    person = f"{prefix}person"
    qs = qs.filter(**{f"{person}__merged_into__isnull": True})
    return qs.aggregate(
        value=Count(person, distinct=True),
        syrians=Count(person, distinct=True, filter=Q(**{f"{person}__nationality": SYRIAN})),
        women=Count(person, distinct=True, filter=Q(**{f"{person}__sex": "female"})),
    )


def unit_indicators(
    user: User,
    *,
    start: datetime.date,
    end: datetime.date,
    unit_id: int | None = None,
    units: Collection[int] | None = None,
) -> UnitIndicators:
    """The four indicators over [start, end] for unit `unit_id` (None: every unit `user`
    may read). `units`: count these units instead of `user`'s reach, for an aggregate viewer
    (aggregates.indicator_units decides which; it reads no record)."""
    visits = _scoped(FarmVisit.objects.all(), user, unit_id, units).filter(
        date__range=(start, end), employer__kind=Employer.Kind.FARM
    )
    farms = visits.aggregate(n=Count("employer", distinct=True))["n"]
    placements = _scoped(Placement.objects.all(), user, unit_id, units).filter(
        start_date__range=(start, end)
    )
    jobs = placements.aggregate(
        value=Count("pk"),
        syrians=Count("pk", filter=Q(job_seeker__person__nationality=SYRIAN)),
        women=Count("pk", filter=Q(job_seeker__person__sex="female")),
    )
    registered = _persons(
        _scoped(JobSeeker.objects.all(), user, unit_id, units).filter(
            registered_on__range=(start, end)
        ),
        "",
    )
    placed = _persons(placements, "job_seeker__")
    return UnitIndicators(
        start,
        end,
        unit_id,
        [
            Indicator("farms_visited", str(LABELS["farms_visited"]), farms),
            Indicator("jobs_secured", str(LABELS["jobs_secured"]), **jobs),
            Indicator("registered", str(LABELS["registered"]), **registered),
            Indicator("placed", str(LABELS["placed"]), **placed),
        ],
    )


def latest_day(
    user: User,
    *,
    until: datetime.date,
    unit_id: int | None = None,
    units: Collection[int] | None = None,
) -> datetime.date | None:
    """The last day up to `until` on which something the indicators count happened (a farm
    visited, a job started, a job seeker registered), among what `unit_indicators` with the
    same arguments counts; None when nothing did."""
    days = [
        _scoped(FarmVisit.objects.all(), user, unit_id, units)
        .filter(date__lte=until, employer__kind=Employer.Kind.FARM)
        .aggregate(day=Max("date"))["day"],
        _scoped(Placement.objects.all(), user, unit_id, units)
        .filter(start_date__lte=until)
        .aggregate(day=Max("start_date"))["day"],
        _scoped(JobSeeker.objects.all(), user, unit_id, units)
        .filter(registered_on__lte=until)
        .aggregate(day=Max("registered_on"))["day"],
    ]
    return max((d for d in days if d is not None), default=None)
