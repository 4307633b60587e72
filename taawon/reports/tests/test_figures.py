"""The engine's tables become charts of the right kind, with every cell and total."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest

from taawon.reports.figures import chart_from_table, number_of


@dataclass(frozen=True)
class Indicator:
    code: str = "registered"
    name: str = "Registered"
    definition: str = "Persons registered in the period, counted once."
    unit: str = "persons"


@dataclass(frozen=True)
class Table:
    """The shape of taawon.indicators' Table, which this branch does not have."""

    dimensions: tuple
    keys: tuple
    labels: dict
    cells: dict
    row_totals: dict = field(default_factory=dict)
    col_totals: dict = field(default_factory=dict)
    total: int = 0
    indicator: Indicator = Indicator()
    start: datetime.date = datetime.date(2020, 7, 1)
    end: datetime.date = datetime.date(2020, 9, 30)


SEX = {"female": "Women", "male": "Men"}


def by_sex() -> Table:
    return Table(
        dimensions=("sex",),
        keys=(("female", "male"),),
        labels={"sex": SEX},
        cells={("female",): 591, ("male",): 1029},
        total=1620,
    )


def test_a_split_by_sex_is_a_share_of_the_indicator():
    chart = chart_from_table(by_sex())
    assert chart.kind == "shares"
    assert chart.categories == ["Registered"]
    assert chart.series == [("Women", [591]), ("Men", [1029])]
    assert chart.description == "Persons registered in the period, counted once."


def test_governorates_are_a_map_when_their_places_are_known_and_bars_otherwise():
    table = Table(
        dimensions=("governorate",),
        keys=(("JO11", "JO21"),),
        labels={"governorate": {"JO11": "Amman", "JO21": "Irbid"}},
        cells={("JO11",): 620, ("JO21",): "<5"},
        total=624,
    )
    located = chart_from_table(table, coordinates={"JO11": (31.72, 36.25)})
    assert located.kind == "map"
    assert located.coordinates == [(31.72, 36.25), None]
    assert located.series == [("Registered", [620, "<5"])]
    assert chart_from_table(table).kind == "bars"


def test_months_are_a_line():
    table = Table(
        dimensions=("period_month",),
        keys=(("2020-07", "2020-08"),),
        labels={"period_month": {"2020-07": "Jul 2020", "2020-08": "Aug 2020"}},
        cells={("2020-07",): 3, ("2020-08",): 5},
        total=8,
    )
    chart = chart_from_table(table)
    assert (chart.kind, chart.categories) == ("line", ["Jul 2020", "Aug 2020"])


def test_a_cross_table_keeps_its_rows_columns_and_totals():
    table = Table(
        dimensions=("governorate", "nationality_group"),
        keys=(("JO11", "JO21"), ("SY", "JO")),
        labels={
            "governorate": {"JO11": "Amman", "JO21": "Irbid"},
            "nationality_group": {"SY": "Syrian", "JO": "Jordanian"},
        },
        cells={("JO11", "SY"): 1, ("JO11", "JO"): 2, ("JO21", "SY"): 3, ("JO21", "JO"): 4},
        row_totals={"JO11": 3, "JO21": 7},
        col_totals={"SY": 4, "JO": 6},
        total=10,
    )
    chart = chart_from_table(table, kind="stacked", title="By nationality")
    assert chart.kind == "stacked" and chart.title == "By nationality"
    assert chart.series == [("Syrian", [1, 3]), ("Jordanian", [2, 4])]
    assert (chart.row_totals, chart.column_totals, chart.total) == ([3, 7], [4, 6], 10)
    assert chart_from_table(table).kind == "shares"  # a split by nationality reads as shares


def test_a_table_without_dimensions_is_no_chart():
    with pytest.raises(ValueError):
        chart_from_table(Table(dimensions=(), keys=(), labels={}, cells={(): 5}, total=5))


def test_hidden_cells_are_drawn_as_nothing():
    assert [number_of(c) for c in (None, "<5", 7)] == [0.0, 0.0, 7.0]
