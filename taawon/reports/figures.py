"""What a dashboard shows, as plain values: headline figures and charts with their tables.

The indicator engine's tables become charts through `chart_from_table`; anything else (a
hand-made comparison of two indicators) builds a `Chart` directly. A cell is a number, or
None or a string (such as "<5") where suppression hides it: those are written as they are and
drawn as nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

Cell = int | float | Decimal | str | None
Kind = Literal["bars", "columns", "stacked", "line", "shares", "map"]

# Dimensions whose keys split a whole into parts, best read as shares.
SHARE_DIMENSIONS = frozenset({"sex", "nationality_group", "displacement", "disability"})


@dataclass(frozen=True)
class HeadlineFigure:
    """A figure on a card: 1,620 registered, 36.5% women, 24.0% Syrians. `women` and
    `syrians` are counts among `value`; None when the figure has no such split (or hides it)."""

    label: str
    value: Cell
    women: Cell = None
    syrians: Cell = None
    unit: str = "persons"
    definition: str = ""
    url: str = ""  # the list of the records behind the figure, for those who may see it


@dataclass(frozen=True)
class Chart:
    """A chart and the table printed with it. `categories` are the rows (governorates,
    months); each series is a column with a value per category. For "shares", each category is
    a whole and the series are its parts. `coordinates` (for "map") gives each category's
    (latitude, longitude) by its position; `outline` the country's centroids."""

    title: str
    kind: Kind
    categories: Sequence[str]
    series: Sequence[tuple[str, Sequence[Cell]]]
    unit: str = "persons"
    description: str = ""
    row_totals: Sequence[Cell] = ()
    column_totals: Sequence[Cell] = ()
    total: Cell = None
    coordinates: Sequence[tuple[float, float] | None] = ()
    outline: Sequence[tuple[float, float]] = ()
    # The header of the categories' column in the table: the dimension's name.
    heading: str = ""
    # The list of the records behind the figures, for those who may see them.
    url: str = ""


def number_of(cell: Cell) -> float:
    """What is drawn for a cell: its value, or nothing (0) for a hidden one."""
    if cell is None or isinstance(cell, str):
        return 0.0
    return float(cell)


def _default_kind(dimensions: Sequence[str], coordinates: Mapping | None) -> Kind:
    first = dimensions[0]
    if first.startswith("period"):
        return "line"
    if len(dimensions) == 1 and first == "governorate" and coordinates:
        return "map"
    if len(dimensions) == 1 and first in SHARE_DIMENSIONS:
        return "shares"
    if len(dimensions) == 2 and dimensions[1] in SHARE_DIMENSIONS:
        return "shares"
    return "bars" if len(dimensions) == 1 else "columns"


def chart_from_table(
    table: Any,
    *,
    kind: Kind | None = None,
    title: str = "",
    heading: str = "",
    coordinates: Mapping[str, tuple[float, float]] | None = None,
    outline: Sequence[tuple[float, float]] = (),
) -> Chart:
    """The chart of an indicator engine's table (`taawon.indicators` Table: indicator,
    dimensions, keys, labels, cells, row_totals, col_totals, total) by one or two dimensions.

    The kind, unless given: a line over periods, a map of governorates when `coordinates`
    (key -> (latitude, longitude), see `maps.governorate_centroids`) are given, shares for
    a split by sex, nationality, displacement or disability, bars otherwise.
    """
    dimensions = tuple(table.dimensions)
    if not dimensions:
        raise ValueError("A table without a dimension is a headline figure, not a chart.")
    kind = kind or _default_kind(dimensions, coordinates)
    name = table.indicator.name
    title = title or str(name)
    rows = table.keys[0]
    row_labels = [table.labels[dimensions[0]].get(key, key) for key in rows]
    common = {
        "title": title,
        "kind": kind,
        "unit": getattr(table.indicator, "unit", "persons"),
        "description": str(getattr(table.indicator, "definition", "")),
        "total": table.total,
        "heading": heading,
    }
    if len(dimensions) == 1:
        values = [table.cells.get((key,)) for key in rows]
        if kind == "shares":
            # One whole (the indicator), its parts the dimension's keys.
            return Chart(
                categories=[str(name)],
                series=[(label, [value]) for label, value in zip(row_labels, values, strict=True)],
                row_totals=[table.total],
                **common,
            )
        located = [coordinates.get(str(key)) for key in rows] if coordinates else ()
        return Chart(
            categories=row_labels,
            series=[(str(name), values)],
            coordinates=located,
            outline=outline,
            **common,
        )
    columns = table.keys[1]
    return Chart(
        categories=row_labels,
        series=[
            (
                table.labels[dimensions[1]].get(column, column),
                [table.cells.get((row, column)) for row in rows],
            )
            for column in columns
        ],
        row_totals=[table.row_totals.get(row) for row in rows],
        column_totals=[table.col_totals.get(column) for column in columns],
        **common,
    )
