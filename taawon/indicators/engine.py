"""Computes an indicator over a period, broken down by up to two dimensions (a cross table), or
by up to four at once (a cube: one GROUP BY, what a dashboard reads).

Live: every call asks the database, so a record saved a second ago counts. The database does
the grouping and the counting; totals are asked of it too, never summed here, because a unique
person counted in two months or two governorates counts once in the total.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, Count, Q, QuerySet, Sum, Value
from django.db.models.expressions import Case, Expression, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawon.core.exceptions import ValidationFailed
from taawon.core.fields import read_date
from taawon.lib.dates import DateError

from . import access, registry, summary
from .dimensions import (
    DIMENSIONS,
    Dimension,
    DimensionRefused,
    Viewer,
    date_expression,
    key_value,
    period_end,
    period_keys,
    period_start,
)
from .registry import Indicator

MAX_DIMENSIONS = 2
MAX_CUBE_DIMENSIONS = 4
# Longest list of keys a period dimension may have: 20 years of months.
MAX_PERIODS = 240

Number = int | Decimal
ONE_DAY = datetime.timedelta(days=1)


class IndicatorError(ValidationFailed):
    """Bad input to an indicator query; `field_errors` name the parameter at fault."""

    code = "indicator_invalid"
    default_message = _("The indicator cannot be computed as asked.")


@dataclass(frozen=True)
class Table:
    indicator: Indicator
    start: datetime.date
    end: datetime.date
    dimensions: tuple[str, ...]
    keys: tuple[tuple[str, ...], ...]
    labels: dict[str, dict[str, str]]
    cells: dict[tuple[str, ...], Number]
    row_totals: dict[str, Number]
    col_totals: dict[str, Number]
    total: Number
    filters: dict[str, str] = field(default_factory=dict)

    def value(self, *keys: str) -> Number:
        return self.cells.get(tuple(keys), 0)

    def rows(self) -> list[tuple[str, list[Number], Number]]:
        """For a two-dimension table: (row key, [cell per column key], row total)."""
        first, second = self.keys
        return [
            (row, [self.cells[(row, col)] for col in second], self.row_totals[row]) for row in first
        ]


def parse_date(value: datetime.date | str | None, name: str, errors: dict) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not value:
        errors.setdefault(name, []).append(str(_("Give a date (YYYY-MM-DD).")))
        return None
    try:
        # The forms' and the API's one reader: ISO or the day first (31/12/2026).
        return read_date(value)
    except DateError:
        errors.setdefault(name, []).append(
            str(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": str(value)[:40]})
        )
        return None


def whole_period(start: datetime.date, end: datetime.date) -> str | None:
    """ "month", "quarter" or "year" when [start, end] is exactly one of them, else None."""
    for kind in ("month", "quarter", "year"):
        first = {
            "month": start.replace(day=1),
            "quarter": start.replace(month=(start.month - 1) // 3 * 3 + 1, day=1),
            "year": start.replace(month=1, day=1),
        }[kind]
        if start == first and end == period_end(kind, first):
            return kind
    return None


def in_period(
    rows: QuerySet, indicator: Indicator, date, start: datetime.date, end: datetime.date
) -> QuerySet:
    """The rows dated in [start, end]. A timestamp is compared with the bounds of the local
    days as it is stored, so that its index serves and no row's value is converted."""
    if isinstance(date, TruncDate):
        first, after = _local_midnight(start), _local_midnight(end + ONE_DAY)
        return rows.filter(**{f"{indicator.date}__gte": first, f"{indicator.date}__lt": after})
    return rows.filter(**{f"{indicator.date}__gte": start, f"{indicator.date}__lte": end})


def _measure(indicator: Indicator):
    if indicator.measure == registry.COUNT_PERSONS and _additive(indicator):
        # The rows are the persons themselves: each is one person, no DISTINCT to sort.
        return Count("pk")
    if indicator.measure == registry.COUNT_PERSONS:
        return Count(indicator.person_path(), distinct=True)
    if indicator.measure == registry.COUNT_DISTINCT:
        return Count(indicator.field, distinct=True)
    if indicator.measure == registry.SUM:
        # A sum of money is Decimal: its zero must be too, or the database refuses the mix.
        zero = Value(Decimal(0)) if indicator.unit == registry.MONEY else Value(0)
        return Coalesce(Sum(indicator.field), zero)
    return Count("pk")


def _additive(indicator: Indicator) -> bool:
    """Whether the figures of disjoint sets of rows add up (no row, no person, counted twice)."""
    if indicator.measure == registry.COUNT_PERSONS:
        return indicator.subject == ""
    return indicator.measure in (registry.COUNT_ROWS, registry.SUM)


def _validate(
    user,
    code: str,
    start,
    end,
    by: Sequence[str],
    filters: Mapping[str, str],
    max_dimensions: int = MAX_DIMENSIONS,
) -> tuple[Indicator, datetime.date, datetime.date, list[Dimension], dict[str, str]]:
    errors: dict[str, list[str]] = {}
    indicator = registry.get(code)
    if indicator is None:
        errors["indicator"] = [str(_("There is no indicator “%(code)s”.") % {"code": code[:60]})]
    start = parse_date(start, "start", errors)
    end = parse_date(end, "end", errors)
    if start and end and end < start:
        errors.setdefault("end", []).append(str(_("The period ends before it starts.")))
    aggregate = access.aggregate_only(user)
    if aggregate and start and end and not errors and whole_period(start, end) is None:
        errors.setdefault("start", []).append(
            str(_("Choose a whole month, quarter or year: finer periods are not published."))
        )
    by = list(by)
    chosen: list[Dimension] = []
    if len(by) > max_dimensions:
        errors.setdefault("by", []).append(
            str(_("Break down by at most two dimensions."))
            if max_dimensions == MAX_DIMENSIONS
            else str(_("Break down by at most four dimensions."))
        )
    elif len(set(by)) != len(by):
        errors.setdefault("by", []).append(str(_("Choose two different dimensions.")))
    for name in by[:max_dimensions]:
        dimension = DIMENSIONS.get(name)
        if dimension is None:
            errors.setdefault("by", []).append(
                str(_("There is no dimension “%(code)s”.") % {"code": name[:40]})
            )
            continue
        chosen.append(dimension)
    cleaned_filters: dict[str, str] = {}
    for name, key in filters.items():
        dimension = DIMENSIONS.get(name)
        if dimension is None:
            errors.setdefault(name, []).append(
                str(_("There is no dimension “%(code)s”.") % {"code": name[:40]})
            )
            continue
        cleaned_filters[name] = str(key)
    if indicator is not None:
        named = [(d, "by") for d in chosen] + [(DIMENSIONS[n], n) for n in cleaned_filters]
        for dimension, field_name in named:
            if aggregate and dimension.fine:
                errors.setdefault(field_name, []).append(
                    str(_("Figures are published by governorate at the finest."))
                )
            try:
                dimension.expression(indicator, Value(None), access.viewer(user, indicator))
            except DimensionRefused as refused:
                errors.setdefault(field_name, []).append(str(refused))
    if start and end and not errors:
        for dimension in chosen:
            if dimension.period and len(period_keys(dimension.code, start, end)) > MAX_PERIODS:
                errors.setdefault("by", []).append(
                    str(_("Too many periods: choose a shorter range or a longer period."))
                )
    if errors:
        raise IndicatorError(field_errors=errors)
    return indicator, start, end, chosen, cleaned_filters


def _rows(
    user, indicator: Indicator, start: datetime.date, end: datetime.date, filters: dict[str, str]
) -> tuple[Viewer, QuerySet, Expression]:
    """The viewer, the rows that count (in the period, matching `filters`) and their date."""
    viewer = access.viewer(user, indicator)
    rows = access.rows_for(user, indicator)
    date = date_expression(indicator, rows.model)
    rows = in_period(rows, indicator, date, start, end)
    if indicator.measure == registry.COUNT_PERSONS:
        # Unique persons after the registry's duplicate resolution: a record merged into
        # another is its survivor's, and counts once, as the survivor.
        rows = rows.filter(**{f"{indicator.person_path('merged_into')}__isnull": True})

    errors: dict[str, list[str]] = {}
    for name, key in filters.items():
        dimension = DIMENSIONS[name]
        known = {k for k, _label in dimension.keys(start, end, viewer)}
        if key not in known:
            errors.setdefault(name, []).append(
                str(_("“%(key)s” is not one of this dimension's keys.") % {"key": key[:40]})
            )
            continue
        alias = f"ind_f_{name}"
        rows = dimension.annotate(rows, alias, indicator, date, viewer).filter(
            **{alias: key_value(dimension, key)}
        )
    if errors:
        raise IndicatorError(field_errors=errors)

    return viewer, rows, date


def compute(
    user,
    code: str,
    *,
    start: datetime.date | str,
    end: datetime.date | str,
    by: Sequence[str] = (),
    filters: Mapping[str, str] | None = None,
) -> Table:
    """Indicator `code` over [start, end] as `user` may see it, broken down by `by` (0 to 2
    dimension codes), counting only rows whose keys match `filters` (dimension -> key).
    Raises IndicatorError naming the parameter at fault."""
    indicator, start, end, chosen, filters = _validate(user, code, start, end, by, filters or {})
    viewer, group = _source(user, indicator, start, end, chosen, filters)

    listed = [d.keys(start, end, viewer) for d in chosen]
    keys = [[k for k, _label in pairs] for pairs in listed]
    labels = {d.code: dict(pairs) for d, pairs in zip(chosen, listed, strict=True)}
    total = group([]).get((), 0)
    cells, row_totals, col_totals = _grouped(group, chosen, keys)
    for index, dimension in enumerate(chosen):
        for key in keys[index]:
            labels[dimension.code].setdefault(key, key)
    return Table(
        indicator=indicator,
        start=start,
        end=end,
        dimensions=tuple(d.code for d in chosen),
        keys=tuple(tuple(k) for k in keys),
        labels=labels,
        cells=cells,
        row_totals=row_totals,
        col_totals=col_totals,
        total=total,
        filters=dict(filters),
    )


@dataclass(frozen=True)
class _Grouping:
    """What the key expressions of a grouping depend on."""

    indicator: Indicator
    date: Expression
    viewer: Viewer
    start: datetime.date
    end: datetime.date

    def expression(self, dimension: Dimension) -> Expression:
        if dimension.period:
            return _period_buckets(self.indicator, dimension, self.date, self.start, self.end)
        return dimension.expression(self.indicator, self.date, self.viewer)


def _period_buckets(
    indicator: Indicator,
    dimension: Dimension,
    date: Expression,
    start: datetime.date,
    end: datetime.date,
) -> Expression:
    """The period key of a row as a CASE over the periods' bounds, compared with the stored date
    (a timestamp with the bounds of the local days): no row's value is truncated or converted
    to local time, which costs a function call a row (a Python one on SQLite). The rows are
    those of [start, end], so each falls in one of the listed periods."""
    keys = period_keys(dimension.code, start, end)
    whens = []
    for key in keys[:-1]:
        after = period_end(dimension.code, period_start(dimension.code, key)) + ONE_DAY
        bound = _local_midnight(after) if isinstance(date, TruncDate) else after
        whens.append(When(**{f"{indicator.date}__lt": bound}, then=Value(key)))
    return Case(*whens, default=Value(keys[-1]), output_field=CharField())


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _key_of(dimension: Dimension, value: object) -> str:
    if dimension.period and isinstance(value, str):
        return value
    return dimension.key_of(value)


def _group(
    rows: QuerySet, dimensions: list[Dimension], grouping: _Grouping, measure
) -> dict[tuple[str, ...], Number]:
    names = [f"ind_k{i}" for i in range(len(dimensions))]
    expressions = {name: grouping.expression(d) for name, d in zip(names, dimensions, strict=True)}
    result: dict[tuple[str, ...], Number] = {}
    for row in rows.values(**expressions).annotate(value=measure).order_by():
        key = tuple(_key_of(d, row[name]) for name, d in zip(names, dimensions, strict=True))
        # Two database values may fall on one key (a timestamp's day, say): add them up.
        result[key] = result.get(key, 0) + (row["value"] or 0)
    return result


def _source(
    user,
    indicator: Indicator,
    start: datetime.date,
    end: datetime.date,
    chosen: list[Dimension],
    filters: dict[str, str],
) -> tuple[Viewer, Callable[[Sequence[Dimension]], dict[tuple[str, ...], Number]]]:
    """The viewer and what groups the indicator's figures by some dimensions: the summary
    tables when they can answer, else the records."""
    reader = summary.reader(user, indicator, start, end, chosen, filters)
    if reader is not None:
        return reader.viewer, reader.group
    viewer, rows, date = _rows(user, indicator, start, end, filters)
    measure = _measure(indicator)
    grouping = _Grouping(indicator, date, viewer, start, end)

    def group(dimensions: Sequence[Dimension]) -> dict[tuple[str, ...], Number]:
        if not dimensions:
            return {(): rows.aggregate(value=measure)["value"] or 0}
        return _group(rows, list(dimensions), grouping, measure)

    return viewer, group


def _grouped(group, chosen, keys):
    if not chosen:
        return {(): group([]).get((), 0)}, {}, {}
    cells = group(chosen)
    # A key the data hold that the dimension does not list (a sex or a nationality recorded
    # outside the choices) still counts: it gets a row of its own rather than vanishing.
    for index in range(len(chosen)):
        for key in cells:
            if key[index] not in keys[index]:
                keys[index].append(key[index])
    if len(chosen) == 1:
        cells = {(k,): cells.get((k,), 0) for k in keys[0]}
        return cells, {k: cells[(k,)] for k in keys[0]}, {}
    first = group(chosen[:1])
    second = group(chosen[1:])
    full = {(a, b): cells.get((a, b), 0) for a in keys[0] for b in keys[1]}
    return (
        full,
        {a: first.get((a,), 0) for a in keys[0]},
        {b: second.get((b,), 0) for b in keys[1]},
    )


@dataclass(frozen=True)
class Cube:
    """An indicator broken down by up to four dimensions at once: the cells that hold rows
    (an absent cell is 0), the total, and the margins asked for, each counted by the database
    (a unique person counted in two cells counts once in a total)."""

    indicator: Indicator
    start: datetime.date
    end: datetime.date
    dimensions: tuple[str, ...]
    keys: tuple[tuple[str, ...], ...]
    labels: dict[str, dict[str, str]]
    cells: dict[tuple[str, ...], Number]
    total: Number
    # dimension codes -> {their keys -> value}
    margins: dict[tuple[str, ...], dict[tuple[str, ...], Number]] = field(default_factory=dict)
    filters: dict[str, str] = field(default_factory=dict)

    def value(self, *keys: str) -> Number:
        return self.cells.get(tuple(keys), 0)


def cube(
    user,
    code: str,
    *,
    start: datetime.date | str,
    end: datetime.date | str,
    by: Sequence[str] = (),
    filters: Mapping[str, str] | None = None,
    margins: Sequence[Sequence[str]] = (),
) -> Cube:
    """Indicator `code` over [start, end] as `user` may see it, by `by` (0 to 4 dimension codes)
    in one GROUP BY, plus the total and each margin of `margins` (subsets of `by`), one query
    each. The same figures as `compute` (a cell of a cube is the cell of the cross table of
    the same keys). Raises IndicatorError naming the parameter at fault."""
    indicator, start, end, chosen, filters = _validate(
        user, code, start, end, by, filters or {}, MAX_CUBE_DIMENSIONS
    )
    by = [d.code for d in chosen]
    wanted = [tuple(m) for m in margins]
    for margin in wanted:
        if not set(margin) <= set(by) or len(set(margin)) != len(margin):
            raise IndicatorError(
                field_errors={"margins": [str(_("A margin takes some of the dimensions."))]}
            )
    viewer, group = _source(user, indicator, start, end, chosen, filters)
    listed = [d.keys(start, end, viewer) for d in chosen]
    keys = [[k for k, _label in pairs] for pairs in listed]
    labels = {d.code: dict(pairs) for d, pairs in zip(chosen, listed, strict=True)}
    cells = {k: v for k, v in group(chosen).items() if v}
    # Additive: each row counts in one cell only, so the cells add up to the total, exactly.
    total = sum(cells.values(), 0) if _additive(indicator) else group([]).get((), 0)
    computed = {margin: group([DIMENSIONS[c] for c in margin]) for margin in wanted}
    for index, dimension in enumerate(chosen):
        for key in sorted({k[index] for k in cells} - set(keys[index])):
            keys[index].append(key)
        for key in keys[index]:
            labels[dimension.code].setdefault(key, key)
    return Cube(
        indicator=indicator,
        start=start,
        end=end,
        dimensions=tuple(by),
        keys=tuple(tuple(k) for k in keys),
        labels=labels,
        cells=cells,
        total=total,
        margins=computed,
        filters=dict(filters),
    )


def has_rows(user, indicator: Indicator, start: datetime.date, end: datetime.date) -> bool:
    rows = access.rows_for(user, indicator)
    date = date_expression(indicator, rows.model)
    return in_period(rows, indicator, date, start, end).exists()


def latest_day(user, indicator: Indicator) -> datetime.date | None:
    """The latest date of a row `user` counts (the default period is the one holding it)."""
    rows = access.rows_for(user, indicator)
    date = date_expression(indicator, rows.model)
    if indicator.measure == registry.COUNT_PERSONS:
        rows = rows.filter(**{f"{indicator.person_path('merged_into')}__isnull": True})
    latest = (
        rows.annotate(ind_day=date)
        .filter(~Q(ind_day=None))
        .order_by("-ind_day")
        .values_list("ind_day", flat=True)[:1]
    )
    found = list(latest)
    if not found:
        return None
    day = found[0]
    return day.date() if isinstance(day, datetime.datetime) else day
