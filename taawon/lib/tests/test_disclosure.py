import math

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from taawon.lib.disclosure import (
    SUPPRESSED,
    WITHHELD,
    Suppressed,
    cell,
    share_publishable,
    suppress,
    suppress_line,
)


def test_it_shows_counts_under_five_as_less_than_five():
    assert [cell(n) for n in (0, 1, 4)] == [SUPPRESSED] * 3
    assert cell(5) == 5
    assert cell(None) is None


def test_it_leaves_out_a_share_that_gives_a_small_cell_away():
    assert share_publishable(50, 100)
    assert not share_publishable(4, 100)  # the part is small
    assert not share_publishable(97, 100)  # the rest is small
    assert not share_publishable(None, 100)
    assert not share_publishable(0, 0)


# ---- two-way tables -------------------------------------------------------------------


def table(grid: list[list[int]]) -> tuple:
    rows = [f"r{i}" for i in range(len(grid))]
    cols = [f"c{j}" for j in range(len(grid[0]))]
    cells = {(r, c): grid[i][j] for i, r in enumerate(rows) for j, c in enumerate(cols)}
    row_totals = {r: sum(grid[i]) for i, r in enumerate(rows)}
    col_totals = {c: sum(grid[i][j] for i in range(len(grid))) for j, c in enumerate(cols)}
    return cells, rows, cols, row_totals, col_totals, sum(row_totals.values())


def shown(result: Suppressed, rows, cols) -> list[list]:
    grid = [[result.cells[(r, c)] for c in cols] + [result.row_totals[r]] for r in rows]
    return grid + [[result.col_totals[c] for c in cols] + [result.total]]


def test_it_publishes_a_table_without_small_cells_as_it_is():
    cells, rows, cols, rt, ct, total = table([[10, 20], [30, 0]])
    result = suppress(cells, rows, cols, rt, ct, total)
    assert shown(result, rows, cols) == [[10, 20, 30], [30, 0, 30], [40, 20, 60]]
    assert not result.any_withheld


def test_it_withholds_a_small_cell_and_the_smallest_cells_closing_a_rectangle():
    cells, rows, cols, rt, ct, total = table([[3, 50, 8], [40, 60, 9], [70, 80, 90]])
    result = suppress(cells, rows, cols, rt, ct, total)
    x = WITHHELD
    assert shown(result, rows, cols) == [
        [x, 50, x, 61],
        [x, 60, x, 109],
        [70, 80, 90, 240],
        [113, 190, 107, 410],
    ]
    assert result.primary_cells == {("r0", "c0")}
    assert result.withheld_cells == {("r0", "c0"), ("r0", "c2"), ("r1", "c0"), ("r1", "c2")}


def test_it_publishes_true_zeros_and_never_withholds_one():
    cells, rows, cols, rt, ct, total = table([[2, 0, 30], [0, 0, 40], [25, 0, 50]])
    result = suppress(cells, rows, cols, rt, ct, total)
    assert all(result.cells[k] == 0 for k, v in cells.items() if v == 0)
    assert ("r0", "c0") in result.withheld_cells
    assert_nothing_recomputable(cells, rows, cols, rt, ct, total, result)


def test_it_withholds_a_small_total_and_what_protects_it():
    # The first row adds up to 3: its total is withheld, and with it a second row total.
    cells, rows, cols, rt, ct, total = table([[1, 2], [30, 40], [50, 60]])
    result = suppress(cells, rows, cols, rt, ct, total)
    assert "r0" in result.withheld_rows
    assert len(result.withheld_rows) >= 2 or result.total_withheld
    assert_nothing_recomputable(cells, rows, cols, rt, ct, total, result)


def test_it_protects_a_small_cell_alone_in_its_column():
    # One column: each cell equals its row total, so the margins must go too.
    cells, rows, cols, rt, ct, total = table([[3], [40], [50]])
    result = suppress(cells, rows, cols, rt, ct, total)
    assert result.cells[("r0", "c0")] == WITHHELD
    assert result.row_totals["r0"] == WITHHELD
    assert_nothing_recomputable(cells, rows, cols, rt, ct, total, result)


def test_it_withholds_everything_of_a_table_whose_total_is_small():
    cells, rows, cols, rt, ct, total = table([[1, 0], [0, 2]])
    result = suppress(cells, rows, cols, rt, ct, total)
    x = WITHHELD
    assert shown(result, rows, cols) == [[x, 0, x], [0, x, x], [x, x, x]]
    assert_nothing_recomputable(cells, rows, cols, rt, ct, total, result)


def test_it_does_not_protect_ones_with_ones_a_reader_would_pin_down():
    # Four 1s in a rectangle: since zeros are shown, a reader knows each is at least 1, and
    # each row adds up to 2, so all four would be known. Something larger must be withheld.
    cells, rows, cols, rt, ct, total = table([[1, 1, 20], [1, 1, 30], [40, 50, 60]])
    result = suppress(cells, rows, cols, rt, ct, total)
    assert len(result.withheld_cells) > 4 or result.withheld_rows or result.withheld_cols
    assert_nothing_recomputable(cells, rows, cols, rt, ct, total, result)


def test_it_takes_the_threshold_as_a_parameter():
    cells, rows, cols, rt, ct, total = table([[7, 50], [40, 60]])
    assert not suppress(cells, rows, cols, rt, ct, total).any_withheld
    assert suppress(cells, rows, cols, rt, ct, total, threshold=10).primary_cells == {("r0", "c0")}


def test_it_refuses_totals_that_do_not_add_up():
    cells, rows, cols, rt, ct, total = table([[7, 50], [40, 60]])
    with pytest.raises(ValueError, match="row 'r0'"):
        suppress(cells, rows, cols, {**rt, "r0": 58}, ct, total)
    with pytest.raises(ValueError, match="grand total"):
        suppress(cells, rows, cols, rt, ct, total + 1)


def assert_nothing_recomputable(cells, rows, cols, row_totals, col_totals, total, result, lower=1):
    """For each withheld entry, the least and greatest value it can take given everything
    published (the values shown, every row, column and total adding up, withheld entries at
    least `lower`) differ by at least 1: a reader cannot work it out."""
    entries = (
        [("cell", (r, c)) for r in rows for c in cols]
        + [("row", r) for r in rows]
        + [("col", c) for c in cols]
        + [("total", None)]
    )
    value = {("cell", (r, c)): cells[(r, c)] for r in rows for c in cols}
    value |= {("row", r): row_totals[r] for r in rows} | {("col", c): col_totals[c] for c in cols}
    value[("total", None)] = total
    published = {("cell", k): v for k, v in result.cells.items()}
    published |= {("row", k): v for k, v in result.row_totals.items()}
    published |= {("col", k): v for k, v in result.col_totals.items()}
    published[("total", None)] = result.total
    for e in entries:
        assert published[e] in (WITHHELD, value[e]), e  # a published value is the true one
    unknown = [e for e in entries if published[e] == WITHHELD]
    if not unknown:
        return
    index = {e: i for i, e in enumerate(unknown)}
    # Each equation: sum of `plus` entries minus sum of `minus` entries == 0.
    equations = [([("cell", (r, c)) for c in cols], [("row", r)]) for r in rows]
    equations += [([("cell", (r, c)) for r in rows], [("col", c)]) for c in cols]
    equations += [([("row", r) for r in rows], [("total", None)])]
    equations += [([("col", c) for c in cols], [("total", None)])]
    a_eq, b_eq = [], []
    for plus, minus in equations:
        row, rhs = [0.0] * len(unknown), 0.0
        for sign, group in ((1, plus), (-1, minus)):
            for e in group:
                if e in index:
                    row[index[e]] += sign
                else:
                    rhs -= sign * value[e]
        if any(row):
            a_eq.append(row)
            b_eq.append(rhs)
        else:
            assert rhs == 0
    for e in unknown:
        objective = [0.0] * len(unknown)
        objective[index[e]] = 1.0
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(lower, None), method="highs")
        assert low.status == 0, (e, low.message)
        high = linprog(
            [-x for x in objective], A_eq=a_eq, b_eq=b_eq, bounds=(lower, None), method="highs"
        )
        assert high.status in (0, 3), (e, high.message)  # 3: unbounded above
        highest = math.inf if high.status == 3 else -high.fun
        assert low.fun <= value[e] <= highest + 1e-6
        assert highest - low.fun >= 1 - 1e-6, f"{e} is pinned to {low.fun} in {cells}"


counts = st.one_of(st.integers(0, 6), st.integers(0, 6), st.integers(0, 60), st.integers(0, 2000))


@st.composite
def tables(draw):
    n_rows = draw(st.integers(1, 5))
    n_cols = draw(st.integers(1, 5))
    grid = [[draw(counts) for _ in range(n_cols)] for _ in range(n_rows)]
    return grid, draw(st.integers(2, 12))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
# A row whose published total is 0 beside a line of ones withheld whole: its cells are the 0
# the total tells, shown rather than withheld (a withheld entry must not be worked out).
@example(([[0, 0], [1, 1]], 2))
def test_no_withheld_entry_of_any_table_can_be_worked_out(case):
    grid, threshold = case
    cells, rows, cols, rt, ct, total = table(grid)
    result = suppress(cells, rows, cols, rt, ct, total, threshold=threshold)
    for (r, c), v in cells.items():
        assert (result.cells[(r, c)] == WITHHELD) == ((r, c) in result.withheld_cells)
        if 0 < v < threshold:
            assert (r, c) in result.primary_cells
        if v == 0 and not result.zeros_withheld:
            assert result.cells[(r, c)] == 0
    # The margins are published exactly as the lines of their dimensions publish them, and
    # the grand total as the table of no dimension does.
    assert result.row_totals == suppress_line(rt, rows, total, threshold=threshold).cells
    assert result.col_totals == suppress_line(ct, cols, total, threshold=threshold).cells
    assert (result.total == WITHHELD) == (0 < total < threshold)
    # With what a reader knows (withheld entries are at least 1, since zeros are shown, unless
    # the zeros were withheld too), and so also over nonnegative values.
    if not result.zeros_withheld:
        assert_nothing_recomputable(cells, rows, cols, rt, ct, total, result, lower=1)
    assert_nothing_recomputable(cells, rows, cols, rt, ct, total, result, lower=0)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_a_table_on_its_own_protects_its_small_counts_with_any_entry(case):
    # Without its lines beside it (margins_as_lines=False), the cheapest complements may be
    # margins; zeros are always published.
    grid, threshold = case
    cells, rows, cols, rt, ct, total = table(grid)
    result = suppress(cells, rows, cols, rt, ct, total, threshold=threshold, margins_as_lines=False)
    assert not result.zeros_withheld
    assert all(result.cells[k] == 0 for k, v in cells.items() if v == 0)
    assert_nothing_recomputable(cells, rows, cols, rt, ct, total, result, lower=1)
    assert_nothing_recomputable(cells, rows, cols, rt, ct, total, result, lower=0)


# ---- one-way tables -------------------------------------------------------------------


def test_it_withholds_the_smallest_other_count_of_a_line():
    cells = {"a": 3, "b": 40, "c": 9, "d": 0}
    result = suppress_line(cells, list(cells), 52)
    assert result.cells == {"a": WITHHELD, "b": 40, "c": WITHHELD, "d": 0}
    assert result.total == 52
    assert result.primary == {"a"}


def test_it_withholds_the_total_of_a_line_with_nothing_else_to_withhold():
    cells = {"a": 3, "b": 0}
    result = suppress_line(cells, list(cells), 3)
    assert result.cells == {"a": WITHHELD, "b": 0}
    assert result.total == WITHHELD
    cells = {"a": 3, "b": 0, "c": 8}
    assert suppress_line(cells, list(cells), 11).cells == {"a": WITHHELD, "b": 0, "c": WITHHELD}


def test_it_does_not_pair_two_ones_in_a_line():
    cells = {"a": 1, "b": 1, "c": 30}
    result = suppress_line(cells, list(cells), 32)
    assert result.withheld == {"a", "b", "c"}


@settings(max_examples=300, deadline=None)
@given(st.lists(counts, min_size=1, max_size=8), st.integers(2, 12))
def test_no_withheld_entry_of_any_line_can_be_worked_out(values, threshold):
    keys = [f"k{i}" for i in range(len(values))]
    cells = dict(zip(keys, values, strict=True))
    result = suppress_line(cells, keys, sum(values), threshold=threshold)
    # A line is a table of one row whose columns are its cells.
    as_table = Suppressed(
        cells={("r", k): v for k, v in result.cells.items()},
        row_totals={"r": result.total},
        col_totals=dict(result.cells),
        total=result.total,
        withheld_cells=frozenset(("r", k) for k in result.withheld),
        withheld_rows=frozenset(),
        withheld_cols=frozenset(),
        total_withheld=result.total_withheld,
        primary_cells=frozenset(),
    )
    grid_cells = {("r", k): v for k, v in cells.items()}
    # A line withheld whole, zeros included, tells a reader nothing about which are zeros.
    assert_nothing_recomputable(
        grid_cells,
        ["r"],
        keys,
        {"r": sum(values)},
        cells,
        sum(values),
        as_table,
        lower=0 if result.zeros_withheld else 1,
    )
    assert result.primary == {k for k, v in cells.items() if 0 < v < threshold}
    # The total is the figure of no dimension: withheld only when it is small itself.
    assert result.total_withheld == (0 < sum(values) < threshold)


def test_it_withholds_only_the_small_counts_of_a_line_with_a_distinct_total():
    # Unique persons by month: 3 in July, 40 in August, 9 in September, 48 in the quarter
    # (four came twice). A reader knows only that the total lies between 40 and 52.
    cells = {"2020-07": 3, "2020-08": 40, "2020-09": 9}
    result = suppress_line(cells, list(cells), 48, distinct_total=True)
    assert result.cells == {"2020-07": WITHHELD, "2020-08": 40, "2020-09": 9}
    assert result.total == 48
    with pytest.raises(ValueError, match="distinct total"):
        suppress_line(cells, list(cells), 53, distinct_total=True)
    with pytest.raises(ValueError, match="add up"):
        suppress_line(cells, list(cells), 48)


@settings(max_examples=200, deadline=None)
@given(st.lists(counts, min_size=1, max_size=8), st.integers(2, 12), st.data())
def test_no_withheld_entry_of_a_line_with_a_distinct_total_can_be_worked_out(
    values, threshold, data
):
    keys = [f"k{i}" for i in range(len(values))]
    cells = dict(zip(keys, values, strict=True))
    total = data.draw(st.integers(max(values), sum(values)))
    result = suppress_line(cells, keys, total, threshold=threshold, distinct_total=True)
    # Unknowns: the withheld cells, and the total if withheld; each at least 1. Known: each
    # cell is at most the total, and the total at most the sum of the cells.
    unknown = [k for k in keys if k in result.withheld] + (
        ["total"] if result.total_withheld else []
    )
    if not unknown:
        return
    index = {k: i for i, k in enumerate(unknown)}
    a_ub, b_ub = [], []

    def term(key):  # (coefficients, constant) of a cell or the total
        row = [0.0] * len(unknown)
        if key in index:
            row[index[key]] = 1.0
            return row, 0.0
        return row, float(total if key == "total" else cells[key])

    t_row, t_const = term("total")
    for k in keys:  # cell - total <= 0
        c_row, c_const = term(k)
        a_ub.append([c - t for c, t in zip(c_row, t_row, strict=True)])
        b_ub.append(t_const - c_const)
    s_row, s_const = [0.0] * len(unknown), 0.0  # total - sum(cells) <= 0
    for k in keys:
        c_row, c_const = term(k)
        s_row = [a + b for a, b in zip(s_row, c_row, strict=True)]
        s_const += c_const
    a_ub.append([t - s for t, s in zip(t_row, s_row, strict=True)])
    b_ub.append(s_const - t_const)
    for k in unknown:
        objective = [0.0] * len(unknown)
        objective[index[k]] = 1.0
        # A large upper bound stands for "unbounded" (HiGHS may not tell it from infeasible).
        low = linprog(objective, A_ub=a_ub, b_ub=b_ub, bounds=(1, 10**6), method="highs")
        high = linprog(
            [-x for x in objective], A_ub=a_ub, b_ub=b_ub, bounds=(1, 10**6), method="highs"
        )
        assert low.status == 0 and high.status == 0
        assert -high.fun - low.fun >= 1 - 1e-6, f"{k} is pinned in {cells}, total {total}"


def assert_nothing_pinned_with_distinct_row_totals(cells, rows, cols, rt, ct, total, result):
    """As assert_nothing_recomputable, for a table whose row totals count a person once across
    the columns: columns add up, row totals add up to the grand total, a row total lies between
    its row's largest cell and its sum, the grand total between the largest column total and
    their sum."""
    value = {("cell", r, c): cells[(r, c)] for r in rows for c in cols}
    value |= {("row", r): rt[r] for r in rows} | {("col", c): ct[c] for c in cols}
    value[("total",)] = total
    shown_ = {("cell", r, c): result.cells[(r, c)] for r in rows for c in cols}
    shown_ |= {("row", r): result.row_totals[r] for r in rows}
    shown_ |= {("col", c): result.col_totals[c] for c in cols}
    shown_[("total",)] = result.total
    assert all(shown_[e] in (WITHHELD, value[e]) for e in value)
    unknown = [e for e in value if shown_[e] == WITHHELD]
    if not unknown:
        return
    index = {e: i for i, e in enumerate(unknown)}
    eq = [[(1, ("cell", r, c)) for r in rows] + [(-1, ("col", c))] for c in cols] + [
        [(1, ("row", r)) for r in rows] + [(-1, ("total",))]
    ]
    ub = [[(1, ("cell", r, c)), (-1, ("row", r))] for r in rows for c in cols]
    ub += [[(1, ("row", r))] + [(-1, ("cell", r, c)) for c in cols] for r in rows]
    ub += [[(1, ("col", c)), (-1, ("total",))] for c in cols]
    ub += [[(1, ("total",))] + [(-1, ("col", c)) for c in cols]]

    def matrix(constraints):
        a, b = [], []
        for terms in constraints:
            row, rhs = [0.0] * len(unknown), 0.0
            for k, e in terms:
                if e in index:
                    row[index[e]] += k
                else:
                    rhs -= k * value[e]
            a.append(row)
            b.append(rhs)
        return a, b

    a_eq, b_eq = matrix(eq)
    a_ub, b_ub = matrix(ub)
    for e in unknown:
        objective = [0.0] * len(unknown)
        objective[index[e]] = 1.0
        ends = []
        for sign in (1, -1):
            solved = linprog(
                [sign * x for x in objective],
                A_ub=a_ub,
                b_ub=b_ub,
                A_eq=a_eq,
                b_eq=b_eq,
                bounds=(1, 10**6),
                method="highs",
            )
            assert solved.status == 0, (e, solved.message)
            ends.append(sign * solved.fun)
        assert ends[1] - ends[0] >= 1 - 1e-6, f"{e} is pinned in {cells}, rows {rt}"


@st.composite
def tables_with_distinct_row_totals(draw):
    grid, threshold = draw(tables())
    # Each row total: between the row's largest cell and its sum (people in several columns).
    row_totals = [draw(st.integers(max(row), sum(row))) for row in grid]
    return grid, row_totals, threshold


def distinct_table(grid, row_totals):
    cells, rows, cols, _rt, ct, _total = table(grid)
    rt = dict(zip(rows, row_totals, strict=True))
    return cells, rows, cols, rt, ct, sum(row_totals)


def test_it_protects_a_table_of_unique_persons_by_month():
    # Women and men by month; a person helped in two months counts once in the row total.
    cells, rows, cols, rt, ct, total = distinct_table([[3, 40, 9], [30, 50, 60]], [49, 120])
    result = suppress(cells, rows, cols, rt, ct, total, distinct_row_totals=True)
    assert ("r0", "c0") in result.withheld_cells
    assert_nothing_pinned_with_distinct_row_totals(cells, rows, cols, rt, ct, total, result)
    with pytest.raises(ValueError, match="does not add up"):
        suppress(cells, rows, cols, rt, ct, total)
    flipped = suppress(
        {(c, r): v for (r, c), v in cells.items()},
        cols,
        rows,
        ct,
        rt,
        total,
        distinct_col_totals=True,
    )
    assert flipped.withheld_cells == {(c, r) for (r, c) in result.withheld_cells}
    assert flipped.withheld_cols == result.withheld_rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_with_distinct_row_totals())
def test_no_withheld_entry_of_a_table_with_distinct_row_totals_can_be_worked_out(case):
    grid, row_totals, threshold = case
    cells, rows, cols, rt, ct, total = distinct_table(grid, row_totals)
    result = suppress(
        cells, rows, cols, rt, ct, total, threshold=threshold, distinct_row_totals=True
    )
    for (r, c), v in cells.items():
        if 0 < v < threshold:
            assert (r, c) in result.withheld_cells
        if v == 0:
            assert result.cells[(r, c)] == 0
    assert_nothing_pinned_with_distinct_row_totals(cells, rows, cols, rt, ct, total, result)
