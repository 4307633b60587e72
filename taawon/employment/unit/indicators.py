"""The employment units' indicators for a unit (or every unit in reach) and a period, as the
programme reports them (6 units: 140 farms visited, 2,000 jobs secured, 1,620 registered job
seekers, 1,300 placed), each with the share of Syrians and of women where it counts persons.

The figures come from the indicator engine (taawon.indicators.engine), which holds the one
definition of each (registered in employment/indicators.py): farms visited, jobs secured, job
seekers registered and job seekers placed. This module only shapes four of the engine's
tables into the unit's quarterly table: the total, women (sex "female") and Syrians
(nationality group "SY") of each.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import User
from taawon.indicators import access, engine, registry

SYRIAN = "SY"
FEMALE = "female"


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
# The unit table's code -> the engine's indicator, and whether it counts persons (then the
# table has a sex by nationality group breakdown, dimensions "sex" and "nationality").
ENGINE_CODES = {
    "farms_visited": ("farms_visited", False),
    "jobs_secured": ("jobs_secured", True),
    "registered": ("job_seekers_registered", True),
    "placed": ("job_seekers_placed", True),
}


def _indicator(
    user: User, code: str, start: datetime.date, end: datetime.date, filters: dict[str, str]
) -> Indicator:
    engine_code, by_person = ENGINE_CODES[code]
    by = ("sex", "nationality") if by_person else ()
    table = engine.compute(user, engine_code, start=start, end=end, by=by, filters=filters)
    if not by_person:
        return Indicator(code, str(LABELS[code]), int(table.total))
    return Indicator(
        code,
        str(LABELS[code]),
        int(table.total),
        syrians=int(table.col_totals.get(SYRIAN, 0)),
        women=int(table.row_totals.get(FEMALE, 0)),
    )


def unit_indicators(
    user: User, *, start: datetime.date, end: datetime.date, unit_id: int | None = None
) -> UnitIndicators:
    """The four indicators over [start, end] as the engine counts them for `user`, for unit
    `unit_id` (None: every unit `user`'s figures count). A unit out of `user`'s reach counts
    nothing. Raises engine.IndicatorError when `user` may not ask this (an aggregate viewer
    asking for one unit, or for less than a whole month, quarter or year)."""
    filters = {"unit": str(unit_id)} if unit_id else {}
    try:
        found = [_indicator(user, code, start, end, filters) for code in ENGINE_CODES]
    except engine.IndicatorError as error:
        if set(error.field_errors) != {"unit"} or access.aggregate_only(user):
            raise
        # The engine refuses a unit outside the viewer's keys: out of reach, nothing counts.
        found = [
            Indicator(code, str(LABELS[code]), 0, *((0, 0) if by_person else ()))
            for code, (_engine_code, by_person) in ENGINE_CODES.items()
        ]
    return UnitIndicators(start, end, unit_id, found)


# What places something the unit table counts on a day: a farm visited, a job started, a job
# seeker registered (a placement's start is both jobs secured and placed).
DATED = ("farms_visited", "jobs_secured", "job_seekers_registered")


def latest_day(user: User, *, until: datetime.date) -> datetime.date | None:
    """The last day up to `until` on which something the unit table counts for `user`
    happened; None when nothing did, or only after `until` (then `until`'s own period is the
    one to show)."""
    days = [engine.latest_day(user, registry.get(code)) for code in DATED]
    latest = max((d for d in days if d is not None), default=None)
    return latest if latest is not None and latest <= until else None
