"""The labour demand formula, without a database."""

import datetime

from ..seasons.labour_demand import CropArea, forecast, month_after, season_starts, starts


def test_demand_sums_the_areas_worked_each_month_from_the_given_month():
    areas = [
        CropArea("mafraq", frozenset({3, 4, 6, 7}), 20.0, "tomatoes"),  # 10 dunums x 2
        CropArea("mafraq", frozenset({7, 8}), 5.0, "olives"),
        CropArea("irbid", frozenset({11, 12, 1}), 3.0, "olives"),
    ]

    result = forecast(areas, datetime.date(2026, 11, 25), count=12)

    assert result["mafraq"] == [0, 0, 0, 0, 20, 20, 0, 20, 25, 5, 0, 0]
    assert result["irbid"] == [3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def test_a_season_starts_where_a_run_of_worked_months_starts_across_the_new_year():
    assert starts({3, 4, 6, 7}) == {3, 6}
    assert starts({11, 12, 1}) == {11}
    assert starts(range(1, 13)) == set()
    found = season_starts([CropArea(1, frozenset({6, 7}), 1.0, "tomatoes")])
    assert found[1] == {6: {"tomatoes"}}


def test_months_roll_over_the_year():
    assert month_after(datetime.date(2026, 12, 15)) == datetime.date(2027, 1, 1)
    assert month_after(datetime.date(2026, 1, 31), 13) == datetime.date(2027, 2, 1)
