"""Small-cell suppression of published counts, so that no one can be recognised from the
figures an aggregate viewer (a donor, the public) sees.

Two levels:

- a single figure or a share (`cell`, `share_publishable`): a count under `SMALL_CELL` is
  shown as "<5", and a share is left out when it would give such a count away;
- a table with totals (`suppress`, or `suppress_line` for a table of one dimension): primary
  suppression of every small count, then complementary suppression of as few and as small
  other entries as it takes so that no withheld entry can be worked out from the published
  ones and the equations that tie a table to its totals.

Choices, and why:

- **True zeros are published.** A zero names no one, statistical offices publish them, and a
  table whose zeros are hidden is hard to read. The consequence is taken into account: since
  zeros are always shown, a reader knows that every withheld entry is at least 1, and the
  guarantee below holds with that knowledge (tests check it with a linear program).
  A zero is never chosen as a complement, which would make that knowledge false.
- **Every withheld entry shows the same marker, `WITHHELD`** ("x", as Statistics Canada
  prints it), whether it was small or withheld to protect a small one. Printing "<5" on a
  complement would be false (it may be 120), and printing "<5" on the small ones only would
  tell a reader which entries lie in 1..4 and which are 5 or more, bounds that let the
  equations pin a small one down (a rectangle of 4, 5, 5, 5 is enough).
- **The guarantee**: each withheld entry lies on a cycle of withheld entries of the table
  (rows, columns and totals, seen as a bipartite graph of "lines") along which it can move by
  one, up or down, with every other entry staying at least 1 and every row, column and total
  still adding up. So every withheld entry has at least two values consistent with what is
  published; in particular each row, column and total line holding a withheld entry holds at
  least two. Complements are the smallest cells that close such a cycle; a total is withheld
  only when no cycle through inner cells exists (a total under the threshold is withheld
  anyway), and the grand total last; each entry withheld to close a cycle gets its own.

This is about counts of people or records. A sum of money needs a different rule (how many
contribute to it, and how much the largest one does), not a threshold on the sum itself.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SMALL_CELL = 5
SUPPRESSED = f"<{SMALL_CELL}"
WITHHELD = "x"


def cell(count: int | None) -> int | str | None:
    """`count` as published on its own: itself, or "<5" when under the threshold (None stays
    None). Kept for single figures shown beside their shares (the unit page), where a zero is
    shown as "<5" too; tables go through `suppress`."""
    if count is None:
        return None
    return SUPPRESSED if count < SMALL_CELL else count


def share_publishable(part: int | None, whole: int | None) -> bool:
    """Whether the share `part / whole` may be published: neither the part nor the rest of
    the whole is a small cell."""
    if part is None or not whole:
        return False
    return part >= SMALL_CELL and whole - part >= SMALL_CELL


Published = int | str


class Unprotectable(ValueError):
    """A two-way table whose small counts cannot be protected without withholding a margin
    that the line of the same dimension publishes (or whose line is withheld whole)."""


@dataclass(frozen=True)
class Suppressed:
    """A two-way table as published: every value an int or `WITHHELD`, and which were withheld
    (`primary` the small ones, `withheld_*` every withheld entry, small or complementary)."""

    cells: dict[tuple[str, str], Published]
    row_totals: dict[str, Published]
    col_totals: dict[str, Published]
    total: Published
    withheld_cells: frozenset[tuple[str, str]]
    withheld_rows: frozenset[str]
    withheld_cols: frozenset[str]
    total_withheld: bool
    primary_cells: frozenset[tuple[str, str]]
    # Every inner cell withheld, zeros included: the fallback when the margins, published as
    # their lines publish them, leave no inner cells to protect the small counts with.
    zeros_withheld: bool = False

    @property
    def any_withheld(self) -> bool:
        return bool(
            self.withheld_cells or self.withheld_rows or self.withheld_cols or self.total_withheld
        )


@dataclass(frozen=True)
class SuppressedLine:
    """A one-way table (one dimension and its total) as published."""

    cells: dict[str, Published]
    total: Published
    withheld: frozenset[str]
    total_withheld: bool
    primary: frozenset[str]
    # Every key withheld, zeros included: the small counts were ones with nothing to pair
    # with, and the total, published by the table of no dimension, cannot be withheld.
    zeros_withheld: bool = False


def is_small(count: int, threshold: int) -> bool:
    """A count to withhold: under the threshold but not a true zero."""
    return 0 < count < threshold


def suppress_line(
    cells: Mapping[str, int],
    keys: Sequence[str],
    total: int,
    *,
    threshold: int = SMALL_CELL,
    distinct_total: bool = False,
) -> SuppressedLine:
    """Withhold the small counts of a one-way table and, if one withheld entry could be worked
    out from `total` minus the others, the smallest other count (or the total).

    A reader knows `sum(cells) == total` and that withheld entries are at least 1. A withheld
    entry can move by one when another withheld cell can move the other way (one of the two is
    at least 2), or when the total is withheld too (both move together).

    `distinct_total`: the total counts each person once where a person may be in several cells
    (unique persons by month), so a reader knows only `max(cells) <= total <= sum(cells)`. Then
    no complement is needed: a published total is at least the threshold, so a withheld cell can
    always be one more (and the total withheld when small)."""
    _check_line(cells, keys, total, distinct_total=distinct_total)
    withheld = {k for k in keys if is_small(cells[k], threshold)}
    primary = frozenset(withheld)
    # Withheld only when small: the total is the figure of no dimension, which any reader
    # may ask for on its own, so withholding it here as a complement would protect nothing.
    total_withheld = is_small(total, threshold)
    zeros_withheld = False
    if withheld and not total_withheld and not distinct_total:
        values = [cells[k] for k in withheld]
        if len(withheld) < 2 or max(values) < 2:
            candidates = sorted(
                (cells[k], i, k) for i, k in enumerate(keys) if k not in withheld and cells[k] >= 2
            )
            if candidates:
                withheld.add(candidates[0][2])
            else:
                # Ones and zeros only: with the zeros withheld too, a withheld key may be 0,
                # and the ones can no longer be told from the zeros.
                withheld = set(keys)
                zeros_withheld = True
    return SuppressedLine(
        cells={k: WITHHELD if k in withheld else cells[k] for k in keys},
        total=WITHHELD if total_withheld else total,
        withheld=frozenset(withheld),
        total_withheld=total_withheld,
        primary=primary,
        zeros_withheld=zeros_withheld,
    )


def suppress(
    cells: Mapping[tuple[str, str], int],
    rows: Sequence[str],
    cols: Sequence[str],
    row_totals: Mapping[str, int],
    col_totals: Mapping[str, int],
    total: int,
    *,
    threshold: int = SMALL_CELL,
    distinct_row_totals: bool = False,
    distinct_col_totals: bool = False,
    margins_as_lines: bool = True,
) -> Suppressed:
    """Withhold the small counts of a two-way table with its totals, then complementary
    entries until no withheld entry can be worked out (see the module's docstring).

    `cells` holds the full cross of `rows` by `cols` (zeros included); the totals must add up,
    since the protection rests on those equations (ValueError otherwise).

    `distinct_row_totals`: each row total counts a person once however many of the row's
    columns they are in (unique persons by sex, the columns being months). A reader then knows
    only that a row total lies between the row's largest cell and its sum, and the grand total
    between the largest column total and their sum. The pattern found for the equations is
    checked with linear programs against those inequalities and widened until no withheld
    entry is pinned down (slower: two small programs a withheld entry and round).
    `distinct_col_totals` likewise for columns (one side at most).

    `margins_as_lines` (tables that add up): the row totals, the column totals and the grand
    total are withheld exactly as `suppress_line` withholds them in the line of their
    dimension, which a reader can ask for beside this table; complements are then inner cells.
    Raises Unprotectable when that cannot protect every withheld entry."""
    if distinct_row_totals and distinct_col_totals:
        raise ValueError("totals can be distinct on one side of a table at most")
    if distinct_col_totals:
        flipped = suppress(
            {(c, r): v for (r, c), v in cells.items()},
            cols,
            rows,
            col_totals,
            row_totals,
            total,
            threshold=threshold,
            distinct_row_totals=True,
        )
        return _transposed(flipped)
    _check_table(
        cells, rows, cols, row_totals, col_totals, total, distinct_rows=distinct_row_totals
    )
    table = _Table(cells, rows, cols, row_totals, col_totals, total)
    withheld = {e for e in table.entries if is_small(table.value[e], threshold)}
    primary = frozenset(e for e in withheld if e[0] != _ROW_SIDE_TOTAL and e[1] != _COL_SIDE_TOTAL)
    if margins_as_lines and not distinct_row_totals:
        lines, zero_margins = _margins_as_lines(table, threshold)
        table.fixed = table.margins() - lines
        try:
            if zero_margins:
                raise Unprotectable("a margin line is withheld whole")
            withheld |= lines
            _close_cycles(table, withheld)
        except Unprotectable:
            return _inner_withheld_whole(table, lines, zero_margins, threshold, primary)
        return table.published(withheld, primary)
    _close_cycles(table, withheld)
    if distinct_row_totals:
        _widen_until_unpinned(table, withheld)
    return table.published(withheld, primary)


def _close_cycles(table: _Table, withheld: set[Entry]) -> None:
    """Add to `withheld` the cheapest complements that put each withheld entry on a cycle."""
    # Each withheld entry, once: its cycle stays withheld whatever is added later, so an entry
    # settled is never undone; entries withheld to close a cycle get their own turn.
    pending = sorted(withheld, key=table.order)
    while pending:
        entry = pending.pop(0)
        new = [e for e in table.cheapest_cycle(entry, withheld) if e not in withheld]
        withheld.update(new)
        pending.extend(sorted(new, key=table.order))


def _inner_withheld_whole(
    table: _Table, lines: set[Entry], zero_margins: bool, threshold: int, primary: frozenset
) -> Suppressed:
    """The fallback of a table whose margins are published as its lines and whose inner
    cells cannot protect its small counts: every inner cell withheld, zeros included, so the
    table adds nothing to its lines unless the lines themselves pin a cell down, which linear
    programs check (Unprotectable then). A cell in a row or column whose published total is 0
    is shown as the 0 that total already tells."""

    def told_by_a_zero_total(entry: Entry) -> bool:
        r, c = entry
        return any(
            margin not in lines and table.value[margin] == 0
            for margin in ((r, _COL_SIDE_TOTAL), (_ROW_SIDE_TOTAL, c))
        )

    inner = {
        e for e in table.entries if e not in table.margins() and not told_by_a_zero_total(e)
    }
    withheld = inner | lines
    at_least = {e: 0 if e in inner or zero_margins else 1 for e in withheld}
    watched = [e for e in withheld if e in lines or is_small(table.value[e], threshold)]
    if table.pinned_by_equations(withheld, at_least, watched):
        raise Unprotectable("the lines pin a small count of the table down")
    return table.published(withheld, primary, zeros_withheld=True)


def _margins_as_lines(table: _Table, threshold: int) -> tuple[set[Entry], bool]:
    """The margins that their lines withhold, and whether a line is withheld whole."""
    total = table.value[(_ROW_SIDE_TOTAL, _COL_SIDE_TOTAL)]
    rows = suppress_line(
        {r: table.value[(r, _COL_SIDE_TOTAL)] for r in table.rows},
        table.rows,
        total,
        threshold=threshold,
    )
    cols = suppress_line(
        {c: table.value[(_ROW_SIDE_TOTAL, c)] for c in table.cols},
        table.cols,
        total,
        threshold=threshold,
    )
    line_withheld = {(r, _COL_SIDE_TOTAL) for r in rows.withheld}
    line_withheld |= {(_ROW_SIDE_TOTAL, c) for c in cols.withheld}
    grand = (_ROW_SIDE_TOTAL, _COL_SIDE_TOTAL)
    if rows.total_withheld:
        line_withheld.add(grand)
    # A withheld zero margin beside its row's published zeros would be read back as 0.
    return line_withheld, rows.zeros_withheld or cols.zeros_withheld


def _transposed(t: Suppressed) -> Suppressed:
    return Suppressed(
        cells={(c, r): v for (r, c), v in t.cells.items()},
        row_totals=t.col_totals,
        col_totals=t.row_totals,
        total=t.total,
        withheld_cells=frozenset((c, r) for (r, c) in t.withheld_cells),
        withheld_rows=t.withheld_cols,
        withheld_cols=t.withheld_rows,
        total_withheld=t.total_withheld,
        primary_cells=frozenset((c, r) for (r, c) in t.primary_cells),
        zeros_withheld=t.zeros_withheld,
    )


def _widen_until_unpinned(table: _Table, withheld: set[Entry]) -> None:
    """Withhold more, the cheapest entry sharing a line with each pinned one (or the cheapest
    anywhere), until linear programs find every withheld entry free to move by one."""
    while pinned := table.pinned(withheld):
        for entry in pinned:
            left = [e for e in table.entries if e not in withheld and table.value[e] > 0]
            if not left:
                return  # everything is withheld: nothing is published to pin anything with
            near = [e for e in left if e[0] == entry[0] or e[1] == entry[1]]
            withheld.add(min(near or left, key=lambda e: (table.cost(e), table.order(e))))


# The table seen as a bipartite graph: one node per row plus a node for the row of column
# totals, one per column plus a node for the column of row totals; each entry is an edge
# (cell (r, c) joins r and c; the total of row r joins r and the totals column; the total of
# column c joins the totals row and c; the grand total joins the two totals nodes). Written
# with the totals negated, every line of that bordered table sums to zero, so the changes a
# reader cannot rule out are exactly the cycles of withheld edges with alternating signs.
_ROW_SIDE_TOTAL = ("total",)
_COL_SIDE_TOTAL = ("total",)
Entry = tuple[object, object]  # (row node, column node)

# A total costs more than any inner cell so that inner cells are used first, the grand total
# more than a margin.
_TOTAL_PENALTY = 10**12
_GRAND_TOTAL_PENALTY = 10**15


class _Table:
    def __init__(self, cells, rows, cols, row_totals, col_totals, total) -> None:
        self.rows = list(rows)
        self.cols = list(cols)
        self.value: dict[Entry, int] = {}
        for r in rows:
            for c in cols:
                self.value[(r, c)] = int(cells[(r, c)])
            self.value[(r, _COL_SIDE_TOTAL)] = int(row_totals[r])
        for c in cols:
            self.value[(_ROW_SIDE_TOTAL, c)] = int(col_totals[c])
        self.value[(_ROW_SIDE_TOTAL, _COL_SIDE_TOTAL)] = int(total)
        self.entries = list(self.value)
        self._rank = {e: i for i, e in enumerate(self.entries)}
        self.row_nodes = [*self.rows, _ROW_SIDE_TOTAL]
        self.col_nodes = [*self.cols, _COL_SIDE_TOTAL]
        # Entries published by another table (a margin its line shows): never a complement.
        self.fixed: set[Entry] = set()

    def order(self, entry: Entry) -> int:
        return self._rank[entry]

    def margins(self) -> set[Entry]:
        return {e for e in self.entries if e[0] == _ROW_SIDE_TOTAL or e[1] == _COL_SIDE_TOTAL}

    def pinned_by_equations(
        self, withheld: set[Entry], at_least: dict[Entry, int], watched: list[Entry]
    ) -> list[Entry]:
        """The `watched` withheld entries that a reader pins down, by linear programs over the
        equations of a table that adds up (rows, columns, totals), each withheld entry at
        least its `at_least`: least and greatest value less than 1 apart."""
        from scipy.optimize import linprog

        unknown = sorted(withheld, key=self.order)
        index = {e: i for i, e in enumerate(unknown)}
        grand = (_ROW_SIDE_TOTAL, _COL_SIDE_TOTAL)
        equations = [
            {**{(r, c): 1 for c in self.cols}, (r, _COL_SIDE_TOTAL): -1} for r in self.rows
        ]
        equations += [
            {**{(r, c): 1 for r in self.rows}, (_ROW_SIDE_TOTAL, c): -1} for c in self.cols
        ]
        equations.append({**{(r, _COL_SIDE_TOTAL): 1 for r in self.rows}, grand: -1})
        a_eq, b_eq = [], []
        for coefficients in equations:
            row, rhs = [0.0] * len(unknown), 0.0
            for e, k in coefficients.items():
                if e in index:
                    row[index[e]] += k
                else:
                    rhs -= k * self.value[e]
            if any(row):
                a_eq.append(row)
                b_eq.append(rhs)
        bounds = [(at_least[e], None) for e in unknown]
        found = []
        for e in watched:
            objective = [0.0] * len(unknown)
            objective[index[e]] = 1.0
            low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            high = linprog(
                [-x for x in objective], A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs"
            )
            solved = low.status == 0 and high.status in (0, 3)
            # Status 3: unbounded above, so free to move up.
            if not solved or (high.status == 0 and -high.fun - low.fun < 1 - 1e-6):
                found.append(e)
        return found

    @staticmethod
    def is_margin(entry: Entry) -> bool:
        """A row or column total, written negated in the bordered table (not the grand total)."""
        return (entry[0] == _ROW_SIDE_TOTAL) != (entry[1] == _COL_SIDE_TOTAL)

    def cost(self, entry: Entry) -> int:
        v = self.value[entry]
        if entry == (_ROW_SIDE_TOTAL, _COL_SIDE_TOTAL):
            return _GRAND_TOTAL_PENALTY + v
        if self.is_margin(entry):
            return _TOTAL_PENALTY + v
        return v

    def cheapest_cycle(self, entry: Entry, withheld: set[Entry]) -> list[Entry]:
        """The entries, other than `entry`, of the cheapest cycle along which `entry` can move
        by one (in either direction) with every entry staying at least 1."""
        best: tuple[int, list[Entry]] | None = None
        for direction in (1, -1):
            if direction == -1 and self.value[entry] < 2:
                continue
            found = self._path(entry, withheld, direction)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
            if best is not None and best[0] == 0:  # already on a withheld cycle
                break
        if best is None and self.fixed:
            raise Unprotectable(f"no protecting cycle for {entry!r} among the inner cells")
        if best is None:  # cannot happen for consistent totals (see the proof in the tests)
            raise AssertionError(f"no protecting cycle for {entry!r}")
        return best[1]

    def _path(
        self, entry: Entry, withheld: set[Entry], direction: int
    ) -> tuple[int, list[Entry]] | None:
        # The cycle is `entry` (sign +1 in the bordered table) and a path from its column node
        # back to its row node. Leaving a column node the edge has sign -1, leaving a row node
        # +1. An entry's own change is its sign, negated for a margin; it goes down, and so
        # must be at least 2, when that change is opposite to `direction` times entry's own.
        u, v = entry
        own = -1 if self.is_margin(entry) else 1
        start, goal = ("c", v), ("r", u)
        dist = {start: 0}
        back: dict[tuple[str, object], tuple[tuple[str, object], Entry]] = {}
        heap = [(0, 0, start)]
        tie = 0
        while heap:
            d, _, node = heapq.heappop(heap)
            if node == goal:
                break
            if d > dist.get(node, d):
                continue
            side, name = node
            if side == "c":
                sign, neighbours = -1, [(("r", r), (r, name)) for r in self.row_nodes]
            else:
                sign, neighbours = 1, [(("c", c), (name, c)) for c in self.col_nodes]
            for nxt, e in neighbours:
                if e == entry or self.value[e] == 0 or (e in self.fixed and e not in withheld):
                    continue
                change = sign * (-1 if self.is_margin(e) else 1)
                if change * own * direction < 0 and self.value[e] < 2:
                    continue
                nd = d + (0 if e in withheld else self.cost(e))
                if nd < dist.get(nxt, nd + 1):
                    dist[nxt] = nd
                    back[nxt] = (node, e)
                    tie += 1
                    heapq.heappush(heap, (nd, tie, nxt))
        if goal not in dist:
            return None
        path, node = [], goal
        while node != start:
            node, e = back[node]
            path.append(e)
        return dist[goal], path

    def pinned(self, withheld: set[Entry]) -> list[Entry]:
        """The withheld entries of a table with distinct row totals that the published values
        pin down: least and greatest value, by linear programs, less than 1 apart. A reader
        knows the columns add up (each person is in one row), each row total lies between the
        row's largest cell and its sum, the row totals add up to the grand total, each column
        total is at most the grand total and their sum at least it; and withheld entries are
        at least 1."""
        from scipy.optimize import linprog

        unknown = sorted(withheld, key=self.order)
        index = {e: i for i, e in enumerate(unknown)}
        grand = (_ROW_SIDE_TOTAL, _COL_SIDE_TOTAL)
        equal: list[dict[Entry, int]] = []
        at_most: list[dict[Entry, int]] = []  # sum of coefficient * entry <= 0
        for c in self.cols:
            equal.append({**{(r, c): 1 for r in self.rows}, (_ROW_SIDE_TOTAL, c): -1})
            at_most.append({(_ROW_SIDE_TOTAL, c): 1, grand: -1})
        for r in self.rows:
            total = (r, _COL_SIDE_TOTAL)
            at_most += [{(r, c): 1, total: -1} for c in self.cols]
            at_most.append({total: 1, **{(r, c): -1 for c in self.cols}})
        equal.append({**{(r, _COL_SIDE_TOTAL): 1 for r in self.rows}, grand: -1})
        at_most.append({grand: 1, **{(_ROW_SIDE_TOTAL, c): -1 for c in self.cols}})

        def matrix(constraints):
            a, b = [], []
            for coefficients in constraints:
                row, rhs = [0.0] * len(unknown), 0.0
                for e, k in coefficients.items():
                    if e in index:
                        row[index[e]] += k
                    else:
                        rhs -= k * self.value[e]
                if any(row):
                    a.append(row)
                    b.append(rhs)
            return (a or None), (b or None)

        a_eq, b_eq = matrix(equal)
        a_ub, b_ub = matrix(at_most)
        bounds = (1, 10 * (self.value[grand] + 1))
        found = []
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
                    bounds=bounds,
                    method="highs",
                )
                ends.append(sign * solved.fun if solved.status == 0 else None)
            if None in ends or ends[1] - ends[0] < 1 - 1e-6:
                found.append(e)
        return found

    def published(
        self, withheld: set[Entry], primary: frozenset, *, zeros_withheld: bool = False
    ) -> Suppressed:
        def shown(e: Entry) -> Published:
            return WITHHELD if e in withheld else self.value[e]

        grand = (_ROW_SIDE_TOTAL, _COL_SIDE_TOTAL)
        return Suppressed(
            cells={(r, c): shown((r, c)) for r in self.rows for c in self.cols},
            row_totals={r: shown((r, _COL_SIDE_TOTAL)) for r in self.rows},
            col_totals={c: shown((_ROW_SIDE_TOTAL, c)) for c in self.cols},
            total=shown(grand),
            withheld_cells=frozenset(
                (r, c) for (r, c) in withheld if r != _ROW_SIDE_TOTAL and c != _COL_SIDE_TOTAL
            ),
            withheld_rows=frozenset(
                r for (r, c) in withheld if c == _COL_SIDE_TOTAL and r != _ROW_SIDE_TOTAL
            ),
            withheld_cols=frozenset(
                c for (r, c) in withheld if r == _ROW_SIDE_TOTAL and c != _COL_SIDE_TOTAL
            ),
            total_withheld=grand in withheld,
            primary_cells=frozenset(primary),  # type: ignore[arg-type]
            zeros_withheld=zeros_withheld,
        )


def _check_line(
    cells: Mapping[str, int], keys: Sequence[str], total: int, *, distinct_total: bool
) -> None:
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate keys")
    if any(cells[k] < 0 for k in keys):
        raise ValueError("counts cannot be negative")
    values = [cells[k] for k in keys]
    if distinct_total:
        if not max(values, default=0) <= total <= sum(values):
            raise ValueError("a distinct total lies between the largest cell and the cells' sum")
    elif sum(values) != total:
        raise ValueError("the cells do not add up to the total")


def _check_table(cells, rows, cols, row_totals, col_totals, total, *, distinct_rows) -> None:
    if len(set(rows)) != len(rows) or len(set(cols)) != len(cols):
        raise ValueError("duplicate row or column keys")
    if any(cells[(r, c)] < 0 for r in rows for c in cols):
        raise ValueError("counts cannot be negative")
    for r in rows:
        values = [cells[(r, c)] for c in cols]
        if distinct_rows:
            if not max(values, default=0) <= row_totals[r] <= sum(values):
                raise ValueError(
                    f"row {r!r}: a distinct total lies between its largest cell and sum"
                )
        elif sum(values) != row_totals[r]:
            raise ValueError(f"row {r!r} does not add up to its total")
    for c in cols:
        if sum(cells[(r, c)] for r in rows) != col_totals[c]:
            raise ValueError(f"column {c!r} does not add up to its total")
    if sum(row_totals[r] for r in rows) != total:
        raise ValueError("the row totals do not add up to the grand total")
    if distinct_rows and not max(col_totals.values(), default=0) <= total <= sum(
        col_totals.values()
    ):
        raise ValueError(
            "a distinct grand total lies between the largest column total and their sum"
        )
