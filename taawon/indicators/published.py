"""A computed table as its viewer may see it: every figure for staff; for an aggregate viewer
(and any public export), the table through `taawon.lib.disclosure`'s complementary
suppression, so that no small count can be worked out from the other figures and totals.

Totals of unique persons count a person once, so a line of them may add up to more than its
total (a person placed in August and in September). A one-way line is then protected with the
inequalities a reader has (`suppress_line(..., distinct_total=True)`); a two-way table whose
totals do not add up and which holds a small count is refused, since `suppress` rests on the
equations of an additive table and publishing it anyway could give a person away.

Tables of one report are linked: the total of a line is the figure of no dimension, and the
margins of a cross table are the lines of its two dimensions, each of which a reader may ask for
on its own. Every table is therefore published by one rule (lib.disclosure): a total withheld
only when small, a cross table's margins withheld exactly as its lines withhold them, so that
no table gives away what another withholds.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from taawon.lib import disclosure

from . import access, registry
from .engine import IndicatorError, Table

Shown = int | Decimal | str | None
WITHHELD = disclosure.WITHHELD


@dataclass(frozen=True)
class Published:
    table: Table
    suppressed: bool
    cells: dict[tuple[str, ...], Shown]
    row_totals: dict[str, Shown]
    col_totals: dict[str, Shown]
    total: Shown

    def cell(self, *keys: str) -> Shown:
        return self.cells.get(tuple(keys), 0)

    def row_total(self, key: str) -> Shown:
        return self.row_totals.get(key, 0)

    def col_total(self, key: str) -> Shown:
        return self.col_totals.get(key, 0)

    @property
    def any_withheld(self) -> bool:
        values = [*self.cells.values(), *self.row_totals.values(), *self.col_totals.values()]
        return any(v == WITHHELD for v in [*values, self.total])

    def as_table(self) -> Table:
        """The table with its published values (charts and exports read a Table)."""
        return dataclasses.replace(
            self.table,
            cells=self.cells,
            row_totals=self.row_totals,
            col_totals=self.col_totals,
            total=self.total,
        )


def publish(table: Table, user, *, public: bool = False) -> Published:
    """`table` as `user` may see it; `public` suppresses whoever asks (a public export).
    Raises IndicatorError (on "by") for a two-way table of unique persons that cannot be
    protected."""
    if not (public or access.aggregate_only(user)) or not _counts(table):
        return Published(table, False, table.cells, table.row_totals, table.col_totals, table.total)
    threshold = settings.SMALL_CELL
    if len(table.dimensions) == 0:
        total = WITHHELD if disclosure.is_small(int(table.total), threshold) else table.total
        return Published(table, True, {(): total}, {}, {}, total)
    if len(table.dimensions) == 1:
        return _line(table, threshold)
    return _two_way(table, threshold)


def _counts(table: Table) -> bool:
    # Sums of money need a dominance rule, not a threshold (lib.disclosure): not suppressed
    # here; every other measure is a count of persons, records or heads.
    if table.indicator.unit == registry.MONEY:
        return False
    values = [table.total, *table.cells.values()]
    return all(isinstance(v, int) for v in values)


def _line(table: Table, threshold: int) -> Published:
    keys = list(table.keys[0])
    cells = {k: int(table.cells.get((k,), 0)) for k in keys}
    total = int(table.total)
    line = disclosure.suppress_line(
        cells, keys, total, threshold=threshold, distinct_total=sum(cells.values()) != total
    )
    shown = {(k,): line.cells[k] for k in keys}
    return Published(table, True, shown, {k: line.cells[k] for k in keys}, {}, line.total)


def _additive(table: Table) -> bool:
    rows, cols = table.keys
    return (
        all(sum(table.cells[(r, c)] for c in cols) == table.row_totals[r] for r in rows)
        and all(sum(table.cells[(r, c)] for r in rows) == table.col_totals[c] for c in cols)
        and sum(table.row_totals.values()) == table.total
    )


def _two_way(table: Table, threshold: int) -> Published:
    rows, cols = (list(k) for k in table.keys)
    values = [*table.cells.values(), *table.row_totals.values(), *table.col_totals.values()]
    if not _additive(table):
        if not any(disclosure.is_small(int(v), threshold) for v in [*values, table.total]):
            return Published(
                table, True, table.cells, table.row_totals, table.col_totals, table.total
            )
        raise IndicatorError(
            field_errors={
                "by": [
                    _(
                        "Unique persons broken down by two dimensions at once cannot be "
                        "published with small counts withheld (a person may be counted in "
                        "several cells): choose one dimension."
                    )
                ]
            }
        )
    try:
        # Its margins withheld as the one-way tables of its dimensions withhold them, which
        # the same reader may ask for beside it (and the headline total as published).
        result = disclosure.suppress(
            {(r, c): int(table.cells[(r, c)]) for r in rows for c in cols},
            rows,
            cols,
            {r: int(table.row_totals[r]) for r in rows},
            {c: int(table.col_totals[c]) for c in cols},
            int(table.total),
            threshold=threshold,
            margins_as_lines=True,
        )
    except disclosure.Unprotectable:
        raise IndicatorError(
            field_errors={
                "by": [
                    _(
                        "This cross table cannot be published with its small counts withheld "
                        "without giving away a figure of the one-dimension tables: choose one "
                        "dimension."
                    )
                ]
            }
        ) from None
    return Published(
        table,
        True,
        dict(result.cells),
        dict(result.row_totals),
        dict(result.col_totals),
        result.total,
    )
