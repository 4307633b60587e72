"""Seasonal labour demand from crop calendars: plain values in, plain values out (no ORM).

A crop area is a farm's dunums of one crop, with the months the crop is worked (planted or
harvested) and the workers a dunum needs then. The demand of a month is the sum of
dunums x workers per dunum over the areas worked that month; a forecast lists it month by
month from a given month on, per governorate. A season starts in a month when a crop's
work starts then (worked that month, not the month before); the SMS to job seekers go ahead
of that month.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

MONTHS = tuple(range(1, 13))


@dataclass(frozen=True)
class CropArea:
    place: Hashable
    """Where the demand falls (a governorate id)."""
    months: frozenset[int]
    workers: float
    """Dunums times workers per dunum: the workers needed in each month worked."""
    crop: str = ""


def month_after(day: datetime.date, months: int = 1) -> datetime.date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_from(first: datetime.date, count: int = 12) -> list[datetime.date]:
    """The first days of `count` months from `first`'s month on."""
    return [month_after(first.replace(day=1), n) for n in range(count)]


def forecast(
    areas: Iterable[CropArea], first: datetime.date, count: int = 12
) -> dict[Hashable, list[float]]:
    """Workers needed per place, month by month from `first`'s month (`count` months)."""
    per_month: dict[Hashable, dict[int, float]] = defaultdict(lambda: dict.fromkeys(MONTHS, 0.0))
    for area in areas:
        for month in area.months:
            per_month[area.place][month] += area.workers
    columns = months_from(first, count)
    return {place: [months[day.month] for day in columns] for place, months in per_month.items()}


def starts(months: Iterable[int]) -> set[int]:
    """Months in which a run of worked months starts (December runs on into January); none
    for a crop worked all year round."""
    worked = set(months)
    return {m for m in worked if (12 if m == 1 else m - 1) not in worked}


def season_starts(areas: Iterable[CropArea]) -> dict[Hashable, dict[int, set[str]]]:
    """Per place, the months a crop's work starts in, with those crops."""
    found: dict[Hashable, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for area in areas:
        for month in starts(area.months):
            found[area.place][month].add(area.crop)
    return found
