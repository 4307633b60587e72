"""What an aggregate viewer (or a public export) gets of a table: complementary suppression,
checked as a reader would attack it, with the equations (or inequalities) the table's totals
give and the knowledge that a withheld entry is at least 1."""

from __future__ import annotations

import datetime

import numpy as np
import pytest
from scipy.optimize import linprog

from taawon.indicators import registry
from taawon.indicators.engine import IndicatorError, Table
from taawon.indicators.published import WITHHELD, publish
from taawon.indicators.tests.test_api_and_page import QUARTER, api

START, END = datetime.date(2020, 7, 1), datetime.date(2020, 9, 30)


def table(code: str, dimensions, keys, cells, row_totals, col_totals, total) -> Table:
    return Table(
        indicator=registry.get(code),
        start=START,
        end=END,
        dimensions=tuple(dimensions),
        keys=tuple(tuple(k) for k in keys),
        labels={d: {k: k for k in ks} for d, ks in zip(dimensions, keys, strict=True)},
        cells=cells,
        row_totals=row_totals,
        col_totals=col_totals,
        total=total,
    )


def two_way(rows, cols, grid) -> Table:
    cells = {(r, c): grid[i][j] for i, r in enumerate(rows) for j, c in enumerate(cols)}
    row_totals = {r: sum(grid[i]) for i, r in enumerate(rows)}
    col_totals = {c: sum(grid[i][j] for i in range(len(rows))) for j, c in enumerate(cols)}
    return table(
        "jobs_secured",
        ("governorate", "sex"),
        (rows, cols),
        cells,
        row_totals,
        col_totals,
        sum(row_totals.values()),
    )


def ranges_a_reader_can_work_out(source: Table, shown) -> dict:
    """For each withheld entry, its least and greatest value consistent with everything
    published, the table's equations and every withheld entry being at least 1."""
    rows, cols = source.keys
    entries = (
        [("cell", r, c) for r in rows for c in cols]
        + [("row", r, None) for r in rows]
        + [("col", None, c) for c in cols]
        + [("total", None, None)]
    )

    def value(entry, of):
        kind, r, c = entry
        if kind == "cell":
            return of.cells[(r, c)]
        if kind == "row":
            return of.row_totals[r]
        if kind == "col":
            return of.col_totals[c]
        return of.total

    unknown = [e for e in entries if value(e, shown) == WITHHELD]
    index = {e: i for i, e in enumerate(unknown)}
    equations = [[("cell", r, c) for c in cols] + [("-", ("row", r, None))] for r in rows] + [
        [("cell", r, c) for r in rows] + [("-", ("col", None, c))] for c in cols
    ]
    equations.append([("row", r, None) for r in rows] + [("-", ("total", None, None))])
    a, b = [], []
    for equation in equations:
        coefficients, constant = np.zeros(len(unknown)), 0.0
        for term in equation:
            sign, entry = (-1, term[1]) if term[0] == "-" else (1, term)
            if entry in index:
                coefficients[index[entry]] += sign
            else:
                constant -= sign * value(entry, source)
        a.append(coefficients)
        b.append(constant)
    bounds = [(1, None)] * len(unknown)
    found = {}
    for entry, i in index.items():
        objective = np.zeros(len(unknown))
        objective[i] = 1
        low = linprog(objective, A_eq=a, b_eq=b, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a, b_eq=b, bounds=bounds, method="highs")
        assert low.status == 0
        top = np.inf if high.status == 3 else -high.fun
        found[entry] = (low.fun, top)
    return found


@pytest.mark.parametrize(
    "grid",
    [
        [[1, 20, 30], [15, 12, 40], [25, 33, 9]],
        [[3, 1, 0], [0, 40, 22], [17, 2, 60]],
        [[2, 2], [2, 2]],
        [[4, 50, 61, 7], [30, 1, 44, 25], [12, 19, 3, 80]],
    ],
)
def test_no_withheld_entry_can_be_worked_out_from_the_published_table(grid):
    rows = [f"G{i}" for i in range(len(grid))]
    cols = [f"c{j}" for j in range(len(grid[0]))]
    source = two_way(rows, cols, grid)
    shown = publish(source, None, public=True)
    assert shown.suppressed and shown.any_withheld
    small = [(r, c) for (r, c), v in source.cells.items() if 0 < v < 5]
    assert all(shown.cell(r, c) == WITHHELD for r, c in small)
    # Row and column arithmetic alone: no line holds exactly one withheld entry.
    for r in rows:
        line = [shown.cell(r, c) for c in cols] + [shown.row_total(r)]
        assert line.count(WITHHELD) != 1
    for c in cols:
        line = [shown.cell(r, c) for r in rows] + [shown.col_total(c)]
        assert line.count(WITHHELD) != 1
    # A reader's linear programs: every withheld entry has at least two possible values.
    for entry, (low, high) in ranges_a_reader_can_work_out(source, shown).items():
        assert high - low >= 1, entry
    # Zeros stay published, and what is published is the truth.
    for key, value in source.cells.items():
        assert shown.cells[key] in (value, WITHHELD)
        if value == 0:
            assert shown.cells[key] == 0


def test_staff_get_every_figure():
    source = two_way(["G0", "G1"], ["a", "b"], [[1, 9], [7, 8]])
    shown = publish(source, type("Staff", (), {"is_superuser": True})())
    assert not shown.suppressed and shown.cell("G0", "a") == 1


def test_a_line_of_unique_persons_withholds_its_small_counts_under_inequalities():
    # Persons placed by month: one placed in two months counts once in the total.
    months = ["2020-07", "2020-08", "2020-09"]
    source = table(
        "job_seekers_placed",
        ("month",),
        (months,),
        {("2020-07",): 30, ("2020-08",): 2, ("2020-09",): 41},
        {"2020-07": 30, "2020-08": 2, "2020-09": 41},
        {},
        70,
    )
    shown = publish(source, None, public=True)
    assert shown.cell("2020-08") == WITHHELD
    assert shown.cell("2020-07") == 30 and shown.total == 70
    # An additive line gets a complement: total minus the others would give the small one.
    additive = table(
        "jobs_secured",
        ("month",),
        (months,),
        {("2020-07",): 30, ("2020-08",): 2, ("2020-09",): 41},
        {"2020-07": 30, "2020-08": 2, "2020-09": 41},
        {},
        73,
    )
    shown = publish(additive, None, public=True)
    assert [shown.cell(m) for m in months].count(WITHHELD) == 2
    assert shown.cell("2020-07") == WITHHELD


def test_a_two_way_table_of_unique_persons_that_does_not_add_up_is_refused():
    rows, cols = ["2020-08", "2020-09"], ["female", "male"]
    cells = {
        ("2020-08", "female"): 1,
        ("2020-08", "male"): 7,
        ("2020-09", "female"): 1,
        ("2020-09", "male"): 9,
    }
    source = table(
        "job_seekers_placed",
        ("month", "sex"),
        (rows, cols),
        cells,
        {"2020-08": 8, "2020-09": 10},
        {"female": 1, "male": 16},
        17,
    )
    with pytest.raises(IndicatorError) as refused:
        publish(source, None, public=True)
    assert "choose one dimension" in refused.value.field_errors["by"][0]


@pytest.mark.django_db
def test_the_donor_gets_a_protected_cross_table_from_the_api(client, personas, data_set):
    path = f"/job_seekers_registered?{QUARTER}&by=nationality&by=sex"
    body = api(client, personas.aggregate, path).json()
    assert body["suppressed"] is True and body["total"] == 6
    values = [c["value"] for c in body["cells"]]
    assert WITHHELD in values and not any(isinstance(v, int) and 0 < v < 5 for v in values)
    # A person placed in August and in September: months by sex cannot be protected.
    refused = api(client, personas.aggregate, f"/job_seekers_placed?{QUARTER}&by=month&by=sex")
    assert refused.status_code == 400 and "by" in refused.json()["errors"]
    # Staff see the same table whole.
    staff = api(client, personas.officer, path).json()
    assert staff["suppressed"] is False and WITHHELD not in [c["value"] for c in staff["cells"]]


def test_a_cross_table_and_the_lines_beside_it_withhold_the_same_margins():
    # Jobs secured by sex and nationality group, and by nationality group alone (a report
    # shows both). Two Jordanian women: the cross table alone would protect them by
    # withholding the Jordanian and "other" column totals; but the line by nationality, which
    # pairs the 2 with the Syrians, publishes "other" = 38, and 38 - 30 = 8 women "other",
    # 10 - 8 = 2 Jordanian women. Published by one rule, the two agree.
    sexes, groups = ["female", "male"], ["JO", "SY", "other"]
    grid = [[2, 0, 8], [0, 8, 30]]
    cross = table(
        "jobs_secured",
        ("sex", "nationality"),
        (sexes, groups),
        {(s, g): grid[i][j] for i, s in enumerate(sexes) for j, g in enumerate(groups)},
        {"female": 10, "male": 38},
        {"JO": 2, "SY": 8, "other": 38},
        48,
    )
    by_group = table(
        "jobs_secured",
        ("nationality",),
        (groups,),
        {("JO",): 2, ("SY",): 8, ("other",): 38},
        {"JO": 2, "SY": 8, "other": 38},
        {},
        48,
    )
    by_sex = table(
        "jobs_secured",
        ("sex",),
        (sexes,),
        {("female",): 10, ("male",): 38},
        {"female": 10, "male": 38},
        {},
        48,
    )
    shown = publish(cross, None, public=True)
    line = publish(by_group, None, public=True)
    assert [line.cell(g) for g in groups] == [WITHHELD, WITHHELD, 38]
    assert shown.col_totals == {g: line.cell(g) for g in groups}
    assert shown.row_totals == {s: publish(by_sex, None, public=True).cell(s) for s in sexes}
    assert (
        shown.total
        == line.total
        == publish(table("jobs_secured", (), (), {(): 48}, {}, {}, 48), None, public=True).total
        == 48
    )
    assert shown.cell("female", "JO") == WITHHELD
    # Everything the two tables publish is in the cross table: a reader's linear programs
    # leave every withheld entry at least two values.
    for entry, (low, high) in ranges_a_reader_can_work_out(cross, shown).items():
        assert high - low >= 1, entry


def test_the_old_rule_let_the_line_give_the_margin_away():
    # The same table suppressed on its own (margins as complements), for the record of why:
    # the "other" column total it withholds is the line's published 38.
    from taawon.lib.disclosure import suppress, suppress_line

    sexes, groups = ["female", "male"], ["JO", "SY", "other"]
    grid = [[2, 0, 8], [0, 8, 30]]
    cells = {(s, g): grid[i][j] for i, s in enumerate(sexes) for j, g in enumerate(groups)}
    rows, cols = {"female": 10, "male": 38}, {"JO": 2, "SY": 8, "other": 38}
    alone = suppress(cells, sexes, groups, rows, cols, 48, margins_as_lines=False)
    line = suppress_line(cols, groups, 48)
    assert alone.col_totals["other"] == WITHHELD and line.cells["other"] == 38
    # With the line's 38: female "other" = 38 - 30, and then female JO = 10 - 8 = 2.
    assert alone.cells[("male", "other")] == 30 and alone.row_totals["female"] == 10
    assert alone.cells[("female", "SY")] == 0
    assert rows["female"] - (line.cells["other"] - alone.cells[("male", "other")]) == 2


@pytest.mark.django_db
def test_the_donor_gets_the_same_margins_from_the_cross_table_and_the_lines(
    client, personas, data_set
):
    # What the donor can ask for beside a cross table: each of its dimensions alone, and the
    # total. The API answers each by the one rule, so they agree on every margin.
    cross = api(
        client, personas.aggregate, f"/job_seekers_registered?{QUARTER}&by=nationality&by=sex"
    )
    cross = cross.json()
    by_group = api(client, personas.aggregate, f"/job_seekers_registered?{QUARTER}&by=nationality")
    by_sex = api(client, personas.aggregate, f"/job_seekers_registered?{QUARTER}&by=sex")
    total = api(client, personas.aggregate, f"/job_seekers_registered?{QUARTER}").json()
    assert cross["suppressed"] is True

    def line(body) -> dict:
        return {c["keys"][body["dimensions"][0]]: c["value"] for c in body["cells"]}

    assert {r["keys"]["nationality"]: r["value"] for r in cross["row_totals"]} == line(
        by_group.json()
    )
    assert {c["keys"]["sex"]: c["value"] for c in cross["col_totals"]} == line(by_sex.json())
    assert cross["total"] == by_group.json()["total"] == by_sex.json()["total"] == total["total"]
