"""Scoped reads of the logframe and the locks, and whether a day is locked."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from taawon.accounts import scoping
from taawon.accounts.models import Organisation

from .dimensions import Viewer
from .engine import IndicatorError, compute
from .models import LockedEdit, LogframeItem, PeriodLock, Target


@dataclass(frozen=True)
class Progress:
    target: Target
    achieved: int | Decimal | None  # None: the indicator cannot be computed for the viewer

    @property
    def percent(self) -> float | None:
        if self.achieved is None or not self.target.value:
            return None
        return float(Decimal(self.achieved) * 100 / self.target.value)

    @property
    def bar(self) -> float:
        """The percent shown by the progress bar (it stops at 100)."""
        return min(self.percent or 0.0, 100.0)


@dataclass(frozen=True)
class ItemProgress:
    item: LogframeItem
    progress: list[Progress]


def logframe_items(user) -> QuerySet[LogframeItem]:
    return (
        scoping.scope(LogframeItem.objects.all(), user)
        .select_related("owner")
        .prefetch_related("targets")
    )


def logframe_progress(user) -> list[ItemProgress]:
    """Each logframe item `user` may read, with each target and what was achieved over its
    period, counted in `user`'s own scope (a report never shows what its viewer may not see)."""
    result = []
    for item in logframe_items(user):
        progress = []
        for target in item.targets.all():
            try:
                achieved = compute(
                    user, item.indicator_code, start=target.start, end=target.end
                ).total
            except IndicatorError:
                achieved = None
            progress.append(Progress(target, achieved))
        result.append(ItemProgress(item, progress))
    return result


def get_item_for_user(user, pk) -> LogframeItem:
    return scoping.get_scoped_or_404(LogframeItem.objects.all(), user, pk)


def period_locks(user) -> QuerySet[PeriodLock]:
    return scoping.scope(PeriodLock.objects.all(), user, owner_field="organisation").select_related(
        "organisation", "locked_by"
    )


def get_lock_for_user(user, pk) -> PeriodLock:
    return scoping.get_scoped_or_404(PeriodLock.objects.all(), user, pk, owner_field="organisation")


def _ancestors(organisation_id: int) -> list[int]:
    ids: list[int] = []
    current: int | None = organisation_id
    while current is not None and current not in ids:
        ids.append(current)
        current = (
            Organisation.objects.filter(pk=current).values_list("parent_id", flat=True).first()
        )
    return ids


def is_locked(organisation_id: int, day: datetime.date) -> bool:
    """Whether `day`'s records of `organisation_id` lie in a period it, or an organisation
    above it, has locked."""
    return PeriodLock.objects.filter(
        organisation_id__in=_ancestors(organisation_id), start__lte=day, end__gte=day
    ).exists()


def locked_edits(
    organisation_ids: Iterable[int] | None, start: datetime.date, end: datetime.date
) -> QuerySet[LockedEdit]:
    """The edits after lock of records dated in [start, end] owned by `organisation_ids`
    (None: every organisation), newest first. The caller passes the organisations its viewer
    may see."""
    edits = LockedEdit.objects.filter(date__gte=start, date__lte=end)
    if organisation_ids is not None:
        edits = edits.filter(organisation_id__in=sorted(set(organisation_ids)))
    return edits.select_related("organisation", "by")


def locked_edits_seen_by(
    viewer: Viewer, start: datetime.date, end: datetime.date, unit: int | None = None
) -> QuerySet[LockedEdit]:
    """The edits after lock in [start, end] of the organisations whose figures `viewer` counts
    (every organisation of its countries when it reaches them all), or of `unit` alone."""
    if unit is not None:
        ids: Iterable[int] | None = [unit]
    elif viewer.organisation_ids is not None:
        ids = viewer.organisation_ids
    else:
        ids = Organisation.objects.filter(country__in=viewer.countries).values_list("pk", flat=True)
    return locked_edits(ids, start, end)
