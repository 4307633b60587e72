"""Who sees the unit indicators, of which units, and how.

The units' staff read the indicators of the units in their reach, with every figure, and may
pick one unit. An aggregate viewer (a donor) reads the indicators of its organisation's
country, as the indicator engine counts them for it (taawon.indicators.access): whole months,
quarters or years, the country's units together and never one unit alone (nothing finer than
a governorate is published), the counts under 5 shown as "<5" and the shares that would give
such a count away left out (taawon.lib.disclosure); it never reads a record.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from taawon.accounts.models import Organisation, User
from taawon.indicators import access as indicator_access
from taawon.indicators import queries as indicator_queries
from taawon.lib import disclosure

from .. import rules
from . import access, indicators, periods


def may_see_indicators(user: User) -> bool:
    """Whether the unit indicators page is open to `user` (no query: memberships are cached)."""
    return rules.may_read(user) or bool(indicator_access.aggregate_countries(user))


def aggregate_only(user: User) -> bool:
    """Whether `user` sees aggregates and no record: the small cells are hidden for them."""
    return not rules.may_read(user) and bool(indicator_access.aggregate_countries(user))


def indicator_units(user: User) -> QuerySet[Organisation]:
    """The employment units `user` may pick one of (the page's unit filter): those in reach.
    An aggregate viewer picks none: its figures are its country's units together."""
    return access.readable_units(user)


@dataclass(frozen=True)
class ShownIndicator:
    """An indicator as an aggregate viewer sees it: counts as published (an int or "<5")."""

    code: str
    label: str
    value: int | str
    syrians: int | str | None
    women: int | str | None
    syrian_percent: float | None
    women_percent: float | None

    @property
    def syrian_share(self) -> float | None:
        return None if self.syrian_percent is None else self.syrian_percent / 100

    @property
    def women_share(self) -> float | None:
        return None if self.women_percent is None else self.women_percent / 100


def _shown(indicator: indicators.Indicator) -> ShownIndicator:
    def percent(part: int | None) -> float | None:
        if not disclosure.share_publishable(part, indicator.value):
            return None
        return part * 100 / indicator.value

    return ShownIndicator(
        code=indicator.code,
        label=indicator.label,
        value=disclosure.cell(indicator.value),
        syrians=disclosure.cell(indicator.syrians),
        women=disclosure.cell(indicator.women),
        syrian_percent=percent(indicator.syrians),
        women_percent=percent(indicator.women),
    )


def default_period(
    user: User, *, today: datetime.date | None = None
) -> tuple[datetime.date, datetime.date]:
    """The period the indicators open on (the programme reports by quarter): the quarter of
    the latest thing the engine counts for `user` in any unit of their reach, or this quarter
    when there is nothing yet or the latest is dated after today (a job starting next month)."""
    today = today or timezone.localdate()
    latest = indicators.latest_day(user, until=today)
    return periods.quarter_of(latest or today)


def edits_after_lock(
    user: User, *, start: datetime.date, end: datetime.date, unit_id: int | None = None
) -> int:
    """How many records dated in [start, end] were created or changed after their period was
    locked, among the units whose figures `user` reads (those in reach, or a donor's
    country's units), or unit `unit_id` alone."""
    if unit_id:
        units: list[int] = [unit_id]
    elif aggregate_only(user):
        units = list(
            Organisation.objects.filter(
                kind=Organisation.Kind.EMPLOYMENT_UNIT,
                country__in=sorted(indicator_access.aggregate_countries(user)),
            ).values_list("pk", flat=True)
        )
    else:
        units = list(indicator_units(user).values_list("pk", flat=True))
    return indicator_queries.locked_edits(units, start, end).count()


def unit_indicators(
    user: User, *, start: datetime.date, end: datetime.date, unit_id: int | None = None
) -> indicators.UnitIndicators:
    """The indicators `user` may see over [start, end], small cells hidden for an aggregate
    viewer; `unit_id` must be one of `indicator_units(user)` (the form checks it). Raises
    engine.IndicatorError on what the engine does not publish to `user` (a donor's day range)."""
    result = indicators.unit_indicators(user, start=start, end=end, unit_id=unit_id)
    if not aggregate_only(user):
        return result
    return indicators.UnitIndicators(
        result.start, result.end, result.unit_id, [_shown(i) for i in result.indicators]
    )
